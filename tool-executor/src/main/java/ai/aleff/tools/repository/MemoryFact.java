package ai.aleff.tools.repository;

import java.time.Instant;

/**
 * One remembered fact.
 *
 * @param id the id the model uses to forget it
 * @param fact the fact, one line
 * @param createdAt when it was remembered
 */
public record MemoryFact(long id, String fact, Instant createdAt) {
}
