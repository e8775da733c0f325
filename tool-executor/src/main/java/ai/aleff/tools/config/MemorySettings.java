package ai.aleff.tools.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the long-term memory tools ({@code remember}, {@code recall}, {@code forget}). */
@ConfigMapping(prefix = "aleff.tools.memory")
public interface MemorySettings {

    /** Facts one user of one tenant may have; {@code remember} answers with an error when the memory is full. */
    @WithDefault("200")
    int maxFactsPerUser();

    /** Most facts one {@code recall} lists (newest or best matching first). */
    @WithDefault("50")
    int recallLimit();
}
