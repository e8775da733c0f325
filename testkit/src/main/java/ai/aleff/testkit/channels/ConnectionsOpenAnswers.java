package ai.aleff.testkit.channels;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import ai.aleff.testkit.LocalTransformer;

/**
 * Answers {@code apps.connections.open} as Slack does (HTTP 200 either way): {@code {"ok":true,"url":"ws://..."}} with a
 * fresh single-use ticket of the {@link SlackSocketModeServer} for an {@code xapp-} token, {@code invalid_auth} for a
 * token whose secret part starts with {@code revoked} ({@code xapp-revoked...}), {@code not_allowed_token_type} for a
 * bot or user token, {@code not_authed} without one, {@code internal_error} while a test asks for failures
 * ({@link SlackSocketModeServer#failNextOpens}).
 */
final class ConnectionsOpenAnswers extends LocalTransformer {

    static final String NAME = "slack-connections-open";

    private final SlackSocketModeServer sockets;

    ConnectionsOpenAnswers(SlackSocketModeServer sockets) {
        super(NAME);
        this.sockets = sockets;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String authorization = event.getRequest().getHeader("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).trim()
                : "";
        String body;
        if (token.isEmpty()) {
            body = error("not_authed");
        } else if (token.startsWith("xapp-revoked")) {
            body = error("invalid_auth");
        } else if (!token.startsWith("xapp-")) {
            body = error("not_allowed_token_type");
        } else if (sockets.failThisOpen(token)) {
            body = error("internal_error");
        } else {
            body = "{\"ok\":true,\"url\":\"" + sockets.ticket(token) + "\"}";
        }
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body).build();
    }

    private static String error(String code) {
        return "{\"ok\":false,\"error\":\"" + code + "\"}";
    }
}
