package ai.aleff.tenant.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

import ai.aleff.platform.rest.Problem;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.rest.Problems;
import ai.aleff.tenant.security.TenantPermissions;
import ai.aleff.tenant.service.ChannelConnectionInput;
import ai.aleff.tenant.service.ChannelConnectionService;
import ai.aleff.tenant.service.ChannelConnectionUpdate;
import ai.aleff.tenant.service.ChannelConnectionView;
import ai.aleff.tenant.service.Precondition;

/**
 * A tenant's channel connections (Telegram bots, WhatsApp numbers): read by the tenant's people, changed by its
 * administrators. Versioned like the assistant configuration: the ETag is the version, If-Match (optional) guards
 * against overwriting a change made in between. Credentials are write-only.
 */
@Path("/v1/tenants/{id}/channels")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Channel connections", description = "Telegram bots and WhatsApp Business numbers the tenant's assistant answers on.")
@SecurityRequirement(name = TenantResource.KEYCLOAK)
@APIResponse(responseCode = "404", description = "No tenant with this id (or it was deleted), or no connection with this id in it.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ChannelConnectionResource {

    private static final String CONNECTION_ID = "[A-Za-z0-9_-]{22}";
    private static final String TELEGRAM_EXAMPLE = """
            {"type": "TELEGRAM", "displayName": "Support bot", "mode": "POLLING",
             "settings": {"groups": "MENTIONED", "allowedChats": [], "allowedUsers": []},
             "credentials": {"botToken": "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"}}""";
    private static final String WHATSAPP_EXAMPLE = """
            {"type": "WHATSAPP", "displayName": "Support line",
             "settings": {"phoneNumberId": "106540352242922"},
             "credentials": {"accessToken": "EAAG...", "appSecret": "0f1e2d3c4b5a69788796a5b4c3d2e1f0"}}""";
    private static final String SLACK_EXAMPLE = """
            {"type": "SLACK", "displayName": "Team assistant", "mode": "SOCKET_MODE",
             "credentials": {"botToken": "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
              "signingSecret": "8f742231b10e8888abcd99yyyzzz85a5", "appToken": "xapp-1-A0123456789-1234567890123-abc123"}}""";
    private static final String DISCORD_EXAMPLE = """
            {"type": "DISCORD", "displayName": "Community assistant", "mode": "WEBHOOK",
             "credentials": {"botToken": "MTE3MDAwMDAwMDAwMDAwMDAwMA.GabCdE.0123456789abcdefghijklmnopqrstuvwxyzABCD",
              "publicKey": "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
              "applicationId": "1170000000000000000"}}""";
    private static final String DISCORD_GATEWAY_EXAMPLE = """
            {"type": "DISCORD", "displayName": "Community assistant", "mode": "GATEWAY",
             "credentials": {"botToken": "MTE3MDAwMDAwMDAwMDAwMDAwMA.GabCdE.0123456789abcdefghijklmnopqrstuvwxyzABCD",
              "applicationId": "1170000000000000000"}}""";
    private static final String PUT_EXAMPLE = """
            {"displayName": "Support bot", "mode": "WEBHOOK",
             "settings": {"groups": "ALWAYS", "allowedChats": ["-1001234567890"]}}""";

    private final ChannelConnectionService channels;
    private final CurrentActor actor;

    public ChannelConnectionResource(ChannelConnectionService channels, CurrentActor actor) {
        this.channels = channels;
        this.actor = actor;
    }

    @POST
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "connectChannel", summary = "Connect a channel", description = "TELEGRAM: the bot token is checked with getMe (the bot's id and username become the "
            + "account), then the webhook is registered with a secret token the platform generates (WEBHOOK) or removed "
            + "(POLLING). WHATSAPP: nothing is called; paste webhookUrl and the verifyToken of this response (shown only "
            + "here) into Meta's App Dashboard. SLACK: the bot token is checked with auth.test (the bot user id and bot id "
            + "become the account, to recognise our own messages); WEBHOOK (Events API): paste webhookUrl as the app's "
            + "Request URL; SOCKET_MODE: channel-ingress opens the WebSocket with the app token. DISCORD: the bot token is checked with "
            + "GET /users/@me (the bot user id and username become the account) and the application's /ask command is "
            + "created; paste webhookUrl as the application's "
            + "Interactions Endpoint URL (WEBHOOK; needs publicKey); GATEWAY: channel-ingress holds the bot's Gateway "
            + "session (direct messages and mentions; needs the MESSAGE_CONTENT intent, no public URL; publicKey optional). Stored with credentials encrypted, published to channel-ingress, audited.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelConnectionInput.class), examples = {
            @ExampleObject(name = "telegram", summary = "A Telegram bot, long polling (no public URL needed)", value = TELEGRAM_EXAMPLE),
            @ExampleObject(name = "whatsapp", summary = "A WhatsApp Business number", value = WHATSAPP_EXAMPLE),
            @ExampleObject(name = "slack", summary = "A Slack app in Socket Mode (no public URL needed)", value = SLACK_EXAMPLE),
            @ExampleObject(name = "discord", summary = "A Discord bot's interactions (slash command /ask)", value = DISCORD_EXAMPLE),
            @ExampleObject(name = "discord-gateway", summary = "A Discord bot over the Gateway (direct messages and mentions; no public URL needed)", value = DISCORD_GATEWAY_EXAMPLE)}))
    @APIResponse(responseCode = "201", description = "Connected (Cache-Control: no-store: a WhatsApp response holds the verify token).", headers = @Header(name = "ETag", description = "The version in quotes.", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelConnectionResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field, wrong type, a value out of its limits, or a credential or setting the type does not take (see errors).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "WEBHOOK mode (or WHATSAPP) while the platform has no public HTTPS URL, or the tenant has the most connections allowed.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Telegram refused the bot token (getMe answered 401), or Slack refused it (auth.test answered ok: false, e.g. invalid_auth), or Discord refused it (GET /users/@me answered 401) or the application id (the bot cannot create its /ask command). Nothing was stored.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "Telegram, Slack or Discord could not be reached or answered with an error, or Telegram refused the webhook. Nothing was stored.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Telegram, Slack or Discord rate-limited the call (Retry-After says when to retry), or no platform secret key is configured. Nothing was stored.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> connect(@PathParam("id") String id,
            @Valid @NotNull(message = "a JSON object body is required") ChannelConnectionInput input) {
        return channels.connect(actor.actor(), id, input).map(view -> Response.status(Response.Status.CREATED)
                .entity(ChannelConnectionResponse.of(view))
                .header(HttpHeaders.ETAG, Precondition.etag(view.version()))
                .header("Cache-Control", "no-store")
                .build());
    }

    @GET
    @PermissionsAllowed(TenantPermissions.READ)
    @Operation(operationId = "listChannels", summary = "List the channel connections", description = "Oldest first, credentials only as hints.")
    @APIResponse(responseCode = "200", description = "The connections.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelConnectionListResponse.class)))
    public Uni<ChannelConnectionListResponse> list(@PathParam("id") String id) {
        return channels.list(actor.actor(), id).map(views -> new ChannelConnectionListResponse(
                views.stream().map(ChannelConnectionResponse::of).toList()));
    }

    @GET
    @Path("/{connectionId}")
    @PermissionsAllowed(TenantPermissions.READ)
    @Operation(operationId = "getChannel", summary = "Read a channel connection", description = "Credentials only as hints; the ETag is the version, for If-Match.")
    @APIResponse(responseCode = "200", description = "The connection.", headers = @Header(name = "ETag", description = "The version in quotes.", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelConnectionResponse.class)))
    public Uni<Response> get(@PathParam("id") String id, @PathParam("connectionId") String connectionId) {
        return channels.get(actor.actor(), id, connectionId(connectionId)).map(ChannelConnectionResource::withETag);
    }

    @PUT
    @Path("/{connectionId}")
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateChannel", summary = "Update a channel connection", description = "Replaces display name, settings and mode; credentials given replace the stored ones. A "
            + "TELEGRAM connection is checked (getMe) and registered (setWebhook / deleteWebhook) again first. The type "
            + "cannot change. Published as the next version and audited.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelConnectionUpdate.class), examples = @ExampleObject(name = "settings", summary = "Answer every message of one group", value = PUT_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Stored as the next version.", headers = @Header(name = "ETag", description = "The new version in quotes.", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelConnectionResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown field, invalid values, or a type change (see errors).", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "WEBHOOK mode while the platform has no public HTTPS URL.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/json.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Telegram refused the bot token. Nothing was changed.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "Telegram could not be reached or refused the registration. Nothing was changed.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Telegram rate-limited the call (Retry-After), or no platform secret key is configured.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> update(@PathParam("id") String id, @PathParam("connectionId") String connectionId,
            @Parameter(description = "The ETag this change is based on, e.g. \"3\"; absent: change whatever is current.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON object body is required") ChannelConnectionUpdate input) {
        return channels.update(actor.actor(), id, connectionId(connectionId), input, new Precondition(ifMatch))
                .map(ChannelConnectionResource::withETag);
    }

    @POST
    @Path("/{connectionId}/pause")
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @Operation(operationId = "pauseChannel", summary = "Pause a channel connection", description = "Kept, but nothing it receives is handled until it is resumed. Pausing a paused "
            + "connection changes nothing. If-Match works as for PUT.")
    @APIResponse(responseCode = "200", description = "Paused.", headers = @Header(name = "ETag", description = "The version in quotes.", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelConnectionResponse.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> pause(@PathParam("id") String id, @PathParam("connectionId") String connectionId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return channels.pause(actor.actor(), id, connectionId(connectionId), new Precondition(ifMatch))
                .map(ChannelConnectionResource::withETag);
    }

    @POST
    @Path("/{connectionId}/resume")
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @Operation(operationId = "resumeChannel", summary = "Resume a paused channel connection", description = "Resuming an active connection changes nothing. If-Match works as for PUT.")
    @APIResponse(responseCode = "200", description = "Active.", headers = @Header(name = "ETag", description = "The version in quotes.", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelConnectionResponse.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> resume(@PathParam("id") String id, @PathParam("connectionId") String connectionId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return channels.resume(actor.actor(), id, connectionId(connectionId), new Precondition(ifMatch))
                .map(ChannelConnectionResource::withETag);
    }

    @DELETE
    @Path("/{connectionId}")
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @Operation(operationId = "deleteChannel", summary = "Delete a channel connection", description = "Erases it and its credentials, publishes its DELETED record (channel-ingress forgets "
            + "it) and, for TELEGRAM, removes the webhook at Telegram (best effort). Again: 404. If-Match works as for PUT.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version.", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("id") String id, @PathParam("connectionId") String connectionId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return channels.delete(actor.actor(), id, connectionId(connectionId), new Precondition(ifMatch))
                .replaceWith(() -> Response.noContent().build());
    }

    private static Response withETag(ChannelConnectionView view) {
        return Response.ok(ChannelConnectionResponse.of(view))
                .header(HttpHeaders.ETAG, Precondition.etag(view.version()))
                .build();
    }

    /** A path segment that cannot be a connection id names no connection. */
    private static String connectionId(String value) {
        if (value == null || !value.matches(CONNECTION_ID)) {
            throw ProblemException.notFound("No channel connection with this id in this tenant.");
        }
        return value;
    }
}
