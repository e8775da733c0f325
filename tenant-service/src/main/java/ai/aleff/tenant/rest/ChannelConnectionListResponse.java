package ai.aleff.tenant.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every connection of the tenant, oldest first (at most aleff.channels.max-connections-per-tenant, so no pages). */
public record ChannelConnectionListResponse(
        @Schema(description = "Oldest first.") List<ChannelConnectionResponse> items) {
}
