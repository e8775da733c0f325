package ai.aleff.ingress.conversation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.api.Identifiers;
import ai.aleff.ingress.config.IngressSettings;
import ai.aleff.ingress.limits.RateLimitProblem;
import ai.aleff.ingress.limits.StreamLimited;
import ai.aleff.ingress.repository.ConversationMessageRepository;
import ai.aleff.ingress.repository.ReplyLogRepository;
import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.rest.Problems;
import ai.aleff.platform.tenancy.TenantContext;
import ai.aleff.platform.tenancy.TenantRoles;

/** A tenant's conversations: their messages so far, and replies as they arrive. */
@Path("/v1/conversations/{conversationId}")
@RolesAllowed(TenantRoles.ACTIVE_TENANT)
@Tag(name = "Conversations")
@APIResponse(responseCode = "401", description = "Missing, unknown, revoked or expired API key.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The API key's tenant is disabled.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ConversationResource {

    static final String REPLY_EVENT = "reply";
    static final String CLOSED_EVENT = "closed";
    private static final java.util.regex.Pattern SEQ = java.util.regex.Pattern.compile("[0-9]{1,18}");

    private final ConversationMessageRepository repository;
    private final ReplyLogRepository replyLog;
    private final ReplyLogStreams streams;
    private final TenantContext tenant;
    private final IngressSettings settings;
    private final StreamCredentialWatch watch;

    public ConversationResource(ConversationMessageRepository repository, ReplyLogRepository replyLog,
            ReplyLogStreams streams, TenantContext tenant, IngressSettings settings, StreamCredentialWatch watch) {
        this.repository = repository;
        this.replyLog = replyLog;
        this.streams = streams;
        this.tenant = tenant;
        this.settings = settings;
        this.watch = watch;
    }

    @GET
    @Path("/messages")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listConversationMessages", summary = "The conversation's messages and replies, oldest first (the latest ones when it is long)")
    @APIResponse(responseCode = "200", description = "The conversation.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConversationMessages.class)))
    @APIResponse(responseCode = "400", description = "The conversationId is malformed.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The tenant has no such conversation.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ConversationMessages> messages(
            @PathParam("conversationId") @Pattern(regexp = Identifiers.ID_PATTERN, message = Identifiers.ID_MESSAGE) String conversationId) {
        return repository.latest(tenant.tenantId(), conversationId, settings.historyLimit()).map(messages -> {
            if (messages.isEmpty()) {
                throw ProblemException.notFound("No conversation '" + conversationId + "'.");
            }
            return new ConversationMessages(conversationId, messages.stream().map(MessageView::of).toList());
        });
    }

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "streamConversationReplies", summary = "Replies of the conversation as server-sent events, resuming after Last-Event-ID", description = "Each reply is an event named 'reply' whose id is its place in the conversation's "
            + "reply log (a number) and whose data is a ConversationReply. With a Last-Event-ID header the stream "
            + "first sends every reply after it, then new ones: each exactly once and in order, whichever ingress "
            + "instance serves the reconnect (a replyId, the event id before, is accepted too). Without one it "
            + "starts with the replies stored from the moment of subscription. The stream opens with a comment line, "
            + "and sends a comment line (keep-alive) every aleff.ingress.sse-keep-alive-interval (15 s). When the "
            + "API key is revoked or expires, or the tenant is disabled, the stream ends within seconds with an "
            + "event named 'closed' (data: {\"reason\": \"CREDENTIALS_REVOKED\" or \"TENANT_DISABLED\"}); "
            + "reconnecting with that key is then refused.")
    @APIResponse(responseCode = "200", description = "The event stream.", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = ConversationReply.class)))
    @APIResponse(responseCode = "400", description = "The conversationId or the Last-Event-ID is malformed.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The tenant holds its limit of open event streams (over every "
            + "ingress instance); close one or retry later.", headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(implementation = Integer.class)), content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = RateLimitProblem.class)))
    @StreamLimited
    public Multi<OutboundSseEvent> events(
            @PathParam("conversationId") @Pattern(regexp = Identifiers.ID_PATTERN, message = Identifiers.ID_MESSAGE) String conversationId,
            @HeaderParam("Last-Event-ID") @Pattern(regexp = Identifiers.ID_PATTERN, message = Identifiers.ID_MESSAGE) String lastEventId,
            @Context Sse sse) {
        String tenantId = tenant.tenantId();
        String keyHash = tenant.keyHash();
        return streams.open(sse, tenantId, conversationId, start(tenantId, conversationId, lastEventId),
                reply -> replyEvent(sse, reply.seq(), ConversationReply.of(tenantId, conversationId, reply)),
                emitter -> watch.watch(tenantId, keyHash, reason -> {
                    emitter.emit(sse.newEventBuilder()
                            .name(CLOSED_EVENT)
                            .data(StreamClosed.class, new StreamClosed(reason))
                            .build());
                    emitter.complete();
                }));
    }

    /** After a seq; after a replyId (an event id of the stream before it resumed) at that reply's seq. */
    private Uni<Long> start(String tenantId, String conversationId, String lastEventId) {
        if (lastEventId == null || SEQ.matcher(lastEventId).matches()) {
            return streams.startAfter(tenantId, conversationId, lastEventId == null ? null : Long.valueOf(lastEventId));
        }
        return replyLog.replySeq(tenantId, conversationId, lastEventId)
                .chain(seq -> streams.startAfter(tenantId, conversationId, seq.orElse(null)));
    }

    private static OutboundSseEvent replyEvent(Sse sse, long seq, ConversationReply reply) {
        return sse.newEventBuilder()
                .name(REPLY_EVENT)
                .id(Long.toString(seq))
                .data(ConversationReply.class, reply)
                .build();
    }
}
