package ai.aleff.ingress.widget;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import ai.aleff.contracts.events.WidgetSettings;
import ai.aleff.ingress.api.MessageAccepted;
import ai.aleff.ingress.config.IngressSettings;
import ai.aleff.ingress.conversation.ReplyLogStreams;
import ai.aleff.ingress.conversation.StreamClosed;
import ai.aleff.ingress.conversation.StreamCredentialWatch;
import ai.aleff.ingress.identity.UserHashes;
import ai.aleff.ingress.limits.MessageLimits;
import ai.aleff.ingress.limits.RateLimitProblem;
import ai.aleff.ingress.repository.ConversationMessage;
import ai.aleff.ingress.repository.ReplyLogRepository;
import ai.aleff.ingress.service.MessageIntake;
import ai.aleff.ingress.service.NewMessage;
import ai.aleff.platform.events.DeterministicIds;
import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.rest.Problems;
import ai.aleff.platform.tenancy.TenantDirectory;

/**
 * The web chat widget's visitor endpoints (docs/widget.md): a signed visitor token instead of the tenant's API key,
 * idempotent sends, and a reply stream that resumes after the last event id on any instance. The Origin of every
 * request was checked by {@link WidgetOriginFilter} before this runs.
 */
@Path("/widget/v1/{tenantId}")
@PermitAll
@Tag(name = "Widget")
@APIResponse(responseCode = "403", description = "The Origin is missing or not one of the tenant's allowed origins, "
        + "or the tenant has no widget.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WidgetResource {

    static final String CHANNEL = "widget";
    static final String REPLY_EVENT = "reply";
    static final String CLOSED_EVENT = "closed";
    private static final String VISITOR_KEY_PREFIX = "visitor:";
    private static final String EVENT_ID = "[0-9]{1,18}";
    private static final String EVENT_ID_MESSAGE = "must be a reply's event id";

    private final VisitorTokens tokens;
    private final TenantDirectory directory;
    private final UserHashes userHashes;
    private final MessageIntake intake;
    private final MessageLimits limits;
    private final ReplyLogRepository log;
    private final ReplyLogStreams streams;
    private final WidgetConfig config;
    private final IngressSettings settings;
    private final VisitorTokenExpiry expiry;

    public WidgetResource(VisitorTokens tokens, TenantDirectory directory, UserHashes userHashes,
            MessageIntake intake, MessageLimits limits, ReplyLogRepository log, ReplyLogStreams streams,
            WidgetConfig config, IngressSettings settings, VisitorTokenExpiry expiry) {
        this.expiry = expiry;
        this.tokens = tokens;
        this.directory = directory;
        this.userHashes = userHashes;
        this.intake = intake;
        this.limits = limits;
        this.log = log;
        this.streams = streams;
        this.config = config;
        this.settings = settings;
    }

    @POST
    @Path("/session")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "openWidgetSession", summary = "A visitor token: renewed for the same visitor when a valid one is sent, else a new visitor", description = "With userId and userHash (hex HMAC-SHA256 of userId with the tenant's identity secret, "
            + "computed by the tenant's server) the visitor is that verified user, on every device.")
    @APIResponse(responseCode = "200", description = "The token.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionIssued.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, userId without userHash (or the other way), or a "
            + "userHash for a tenant without identity secret.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SessionIssued session(@PathParam("tenantId") String tenantId,
            @HeaderParam("Authorization") String authorization, @Valid SessionRequest request) {
        SessionRequest body = request == null ? new SessionRequest(null, null) : request;
        if ((body.userId() == null) != (body.userHash() == null)) {
            throw ProblemException.badRequest("userId and userHash go together; send both or neither.");
        }
        boolean verified = body.userId() != null && userHashes.verified(tenantId, body.userId(), body.userHash());
        WidgetSettings widget = WidgetOriginFilter.settings(directory, tenantId);
        if (!verified && !widget.anonymousVisitors()) {
            throw new ProblemException(Response.Status.FORBIDDEN,
                    "This tenant's chat is for signed-in users only; sign in on the site first.");
        }
        Instant now = Instant.now();
        Visitor previous = previous(authorization, tenantId, now);
        String userId = verified ? body.userId() : null;
        String visitorId = previous != null && Objects.equals(previous.userId(), userId)
                ? previous.visitorId()
                : UUID.randomUUID().toString();
        Visitor visitor = new Visitor(tenantId, visitorId, userId, now.plus(config.tokenTtl()));
        return new SessionIssued(tokens.issue(visitor), visitorId, visitor.conversationId(), verified,
                visitor.expiresAt(), widget.appearance());
    }

    @POST
    @Path("/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendWidgetMessage", summary = "Send the visitor's message", description = "Answers 202 only after Kafka acknowledged it. The same clientMessageId "
            + "from the same visitor is accepted once: a retry returns the same messageId and publishes nothing.")
    @APIResponse(responseCode = "202", description = "Accepted.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageAccepted.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or fields.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing, forged, foreign or expired visitor token.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The visitor's or the tenant's message limit is reached.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<MessageAccepted>> send(@PathParam("tenantId") String tenantId,
            @HeaderParam("Authorization") String authorization,
            @Valid @NotNull(message = "a JSON object body is required") WidgetMessageRequest request) {
        Visitor visitor = tokens.verify(BearerTokens.of(authorization), tenantId, Instant.now());
        String conversationId = visitor.conversationId();
        // Scoped to the visitor: two visitors' clientMessageId "1" are two messages.
        String clientMessageId = DeterministicIds.of("widget.client-message", conversationId,
                request.clientMessageId());
        NewMessage message = new NewMessage(tenantId, conversationId, visitor.senderId(), CHANNEL, clientMessageId,
                request.text(), visitor.verified());
        return limits.admit(tenantId, VISITOR_KEY_PREFIX + visitor.visitorId(), conversationId)
                .chain(() -> intake.accept(message))
                .map(accepted -> RestResponse.status(Response.Status.ACCEPTED,
                        new MessageAccepted(accepted.messageId(), accepted.conversationId())));
    }

    @GET
    @Path("/history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "widgetHistory", summary = "The visitor's conversation so far (the latest messages), oldest first")
    @APIResponse(responseCode = "200", description = "The conversation.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WidgetHistory.class)))
    @APIResponse(responseCode = "401", description = "Missing, forged, foreign or expired visitor token.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<WidgetHistory> history(@PathParam("tenantId") String tenantId,
            @HeaderParam("Authorization") String authorization) {
        Visitor visitor = tokens.verify(BearerTokens.of(authorization), tenantId, Instant.now());
        String conversationId = visitor.conversationId();
        // The latest reply's seq is read first: a reply stored between the two reads is in the messages, and the
        // larger of the two seqs is then the one the stream must follow, so no reply falls between history and stream.
        return log.lastReplySeq(tenantId, conversationId)
                .chain(before -> log.latest(tenantId, conversationId, settings.historyLimit()).map(messages -> {
                    long last = messages.stream()
                            .filter(m -> m.direction() == ConversationMessage.Direction.OUTBOUND)
                            .mapToLong(ReplyLogRepository.Logged::seq)
                            .max()
                            .orElse(0);
                    return new WidgetHistory(conversationId, messages.stream().map(WidgetMessage::of).toList(),
                            Long.toString(Math.max(before, last)));
                }));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @VisitorStreamed
    @Operation(operationId = "widgetStream", summary = "The visitor's replies as server-sent events, resuming after Last-Event-ID", description = "Each reply is an event named 'reply' whose id is its place in the conversation's "
            + "reply log and whose data is a WidgetMessage. With a Last-Event-ID header (or lastEventId query "
            + "parameter) the stream first sends every reply after it, then new ones: each exactly once and in order, "
            + "whichever ingress instance serves the reconnect. Without one it starts after the latest reply. When "
            + "the visitor token expires the stream ends with an event named 'closed' (data: {\"reason\": "
            + "\"TOKEN_EXPIRED\"}); the widget then opens a new session.")
    @APIResponse(responseCode = "200", description = "The event stream.", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = WidgetMessage.class)))
    @APIResponse(responseCode = "400", description = "The last event id is not a number.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing, forged, foreign or expired visitor token.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The tenant holds its limit of open event streams, or the visitor "
            + "holds aleff.ingress.widget.max-streams-per-visitor of them (limit 'visitor-streams').", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = RateLimitProblem.class)))
    public Multi<OutboundSseEvent> stream(@PathParam("tenantId") String tenantId,
            @HeaderParam("Last-Event-ID") @Pattern(regexp = EVENT_ID, message = EVENT_ID_MESSAGE) String lastEventIdHeader,
            @QueryParam("lastEventId") @Pattern(regexp = EVENT_ID, message = EVENT_ID_MESSAGE) String lastEventIdQuery,
            @Context Sse sse, @Context RoutingContext routing) {
        Visitor visitor = routing.get(VisitorStreamFilter.VISITOR);
        String conversationId = visitor.conversationId();
        String given = lastEventIdHeader != null ? lastEventIdHeader : lastEventIdQuery;
        Uni<Long> start = streams.startAfter(tenantId, conversationId, given == null ? null : Long.parseLong(given));
        return streams.open(sse, tenantId, conversationId, start, reply -> replyEvent(sse, reply),
                emitter -> expiry.endAt(visitor.expiresAt(), () -> {
                    emitter.emit(sse.newEventBuilder()
                            .name(CLOSED_EVENT)
                            .data(StreamClosed.class, new StreamClosed(StreamCredentialWatch.Reason.TOKEN_EXPIRED))
                            .build());
                    emitter.complete();
                }));
    }

    private static OutboundSseEvent replyEvent(Sse sse, ReplyLogRepository.Logged reply) {
        return sse.newEventBuilder()
                .name(REPLY_EVENT)
                .id(Long.toString(reply.seq()))
                .data(WidgetMessage.class, WidgetMessage.of(reply))
                .build();
    }

    private Visitor previous(String authorization, String tenantId, Instant now) {
        String token = BearerTokens.of(authorization);
        if (token == null) {
            return null;
        }
        try {
            return tokens.verify(token, tenantId, now);
        } catch (ProblemException e) {
            if (e.status().getStatusCode() == Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
                throw e;
            }
            return null;
        }
    }
}
