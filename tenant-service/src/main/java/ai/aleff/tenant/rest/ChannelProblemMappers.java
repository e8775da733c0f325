package ai.aleff.tenant.rest;

import java.util.Comparator;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.Problems;
import ai.aleff.tenant.discord.DiscordRateLimitedException;
import ai.aleff.tenant.discord.DiscordRefusedException;
import ai.aleff.tenant.discord.DiscordUnreachableException;
import ai.aleff.tenant.service.InvalidChannelConnectionException;
import ai.aleff.tenant.slack.SlackRateLimitedException;
import ai.aleff.tenant.slack.SlackRefusedException;
import ai.aleff.tenant.slack.SlackUnreachableException;
import ai.aleff.tenant.telegram.TelegramRateLimitedException;
import ai.aleff.tenant.telegram.TelegramRefusedException;
import ai.aleff.tenant.telegram.TelegramUnreachableException;

/**
 * problem+json for channel connections. What Telegram answered decides the status: a refused token is the
 * administrator's to fix (422), Telegram's rate limit says when to retry (503 with Retry-After), anything else from
 * or about Telegram is a bad gateway (502). In each case nothing was stored or published.
 */
public class ChannelProblemMappers {

    private static final String NOTHING_STORED = " Nothing was stored.";
    /** RFC 9110's 422 Unprocessable Content: well-formed, but the platform refused what it says. */
    static final Response.StatusType UNPROCESSABLE = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    @ServerExceptionMapper
    public Response invalid(InvalidChannelConnectionException e) {
        return Problems.response(Response.Status.BAD_REQUEST, "Invalid channel connection",
                "The channel connection has invalid fields; see errors.",
                e.errors().stream().sorted(Comparator.comparing(Problem.FieldError::field)).toList()).build();
    }

    @ServerExceptionMapper
    public Response refused(TelegramRefusedException e) {
        if (e.tokenRefused()) {
            return Problems.response(UNPROCESSABLE, "Telegram refused the bot token",
                    "Telegram answered " + e.method() + " with " + e.errorCode() + " (" + e.description()
                            + "): the bot token is wrong or was revoked. Copy it again from @BotFather."
                            + NOTHING_STORED)
                    .build();
        }
        return Problems.response(Response.Status.BAD_GATEWAY, "Telegram refused the registration",
                "Telegram answered " + e.method() + " with " + e.errorCode() + " (" + e.description() + ")."
                        + NOTHING_STORED)
                .build();
    }

    @ServerExceptionMapper
    public Response rateLimited(TelegramRateLimitedException e) {
        return Problems.response(Response.Status.SERVICE_UNAVAILABLE, "Telegram asks to slow down",
                "Telegram rate-limited the call; retry after " + e.retryAfterSeconds() + " seconds." + NOTHING_STORED)
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .build();
    }

    @ServerExceptionMapper
    public Response unreachable(TelegramUnreachableException e) {
        return Problems.response(Response.Status.BAD_GATEWAY, "Telegram could not be reached",
                "No usable answer from Telegram (" + e.getMessage() + "); try again later." + NOTHING_STORED)
                .build();
    }

    @ServerExceptionMapper
    public Response slackRefused(SlackRefusedException e) {
        if (SlackRefusedException.CONNECTIONS_OPEN.equals(e.method())) {
            return Problems.response(UNPROCESSABLE, "Slack refused the app-level token",
                    "Slack answered " + e.method() + " with " + e.error() + ": the app-level token (xapp-...) is "
                            + "wrong, revoked or lacks the connections:write scope, or Socket Mode is off for the "
                            + "app. Turn Socket Mode on (Settings, Socket Mode) and copy the token again from Basic "
                            + "Information, App-Level Tokens." + NOTHING_STORED)
                    .build();
        }
        return Problems.response(UNPROCESSABLE, "Slack refused the bot token",
                "Slack answered " + e.method() + " with " + e.error() + ": the bot token (xoxb-...) is wrong, revoked "
                        + "or the app is not installed. Copy it again from the app's OAuth & Permissions page."
                        + NOTHING_STORED)
                .build();
    }

    @ServerExceptionMapper
    public Response slackRateLimited(SlackRateLimitedException e) {
        return Problems.response(Response.Status.SERVICE_UNAVAILABLE, "Slack asks to slow down",
                "Slack rate-limited the call; retry after " + e.retryAfterSeconds() + " seconds." + NOTHING_STORED)
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .build();
    }

    @ServerExceptionMapper
    public Response slackUnreachable(SlackUnreachableException e) {
        return Problems.response(Response.Status.BAD_GATEWAY, "Slack could not be reached",
                "No usable answer from Slack (" + e.getMessage() + "); try again later." + NOTHING_STORED)
                .build();
    }

    @ServerExceptionMapper
    public Response discordRefused(DiscordRefusedException e) {
        String fix = "bot token".equals(e.credential())
                ? "it is wrong, was reset, or is not a bot's. Copy it again from the Developer Portal (your "
                        + "application, Bot, Reset Token)."
                : "it is not the application of this bot. Copy the Application ID from the Developer Portal "
                        + "(your application, General Information).";
        return Problems.response(UNPROCESSABLE, "Discord refused the " + e.credential(),
                "Discord refused the " + e.credential() + " (" + e.reason() + "): " + fix + NOTHING_STORED)
                .build();
    }

    @ServerExceptionMapper
    public Response discordRateLimited(DiscordRateLimitedException e) {
        return Problems.response(Response.Status.SERVICE_UNAVAILABLE, "Discord asks to slow down",
                "Discord rate-limited the call; retry after " + e.retryAfterSeconds() + " seconds." + NOTHING_STORED)
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .build();
    }

    @ServerExceptionMapper
    public Response discordUnreachable(DiscordUnreachableException e) {
        return Problems.response(Response.Status.BAD_GATEWAY, "Discord could not be reached",
                "No usable answer from Discord (" + e.getMessage() + "); try again later." + NOTHING_STORED)
                .build();
    }
}
