package ai.aleff.tenant.service;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A subagent as an admin sends it. */
@Schema(name = "SubagentInput", description = "An assistant the main agent may delegate to (the model sees it as the tool agent_<name>).")
public record SubagentInput(
        @Schema(description = "Unique within the tenant; ^[a-z][a-z0-9_-]{0,39}$.", required = true, pattern = "^[a-z][a-z0-9_-]{0,39}$", example = "researcher") String name,
        @Schema(description = "What it is good for, shown to the main agent's model; 1 to 1,000 characters.", required = true, maxLength = 1000, example = "Looks things up and answers with sources.") String description,
        @Schema(description = "Its own system instructions; at most 20,000 characters.", maxLength = 20000) String instructions,
        @Schema(description = "Its own failover chain (at most 5); absent or empty: the tenant's chain.", maxItems = 5) List<ModelInput> models,
        @Schema(description = "Platform tools it may call: known tool names, a subset of the tenant's tools when the tenant lists any.", example = "[\"time_now\"]") List<String> tools) {
}
