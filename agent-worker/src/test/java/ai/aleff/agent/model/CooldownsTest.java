package ai.aleff.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CooldownsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final Cooldowns cooldowns = new Cooldowns(clock);
    private final Cooldowns.Key limited = new Cooldowns.Key("t-1", ProviderKind.OPENAI, "gpt-a");

    @Test
    void cooldownAppliesToTheTenantsModelOnlyAndEnds() {
        // Given one tenant's model cooled down for 30 s
        cooldowns.coolDown(limited, Duration.ofSeconds(30));

        // Then that model is skipped for that tenant, but not the provider's other model nor other tenants
        assertThat(cooldowns.isCooling(limited)).isTrue();
        assertThat(cooldowns.isCooling(new Cooldowns.Key("t-1", ProviderKind.OPENAI, "gpt-b"))).isFalse();
        assertThat(cooldowns.isCooling(new Cooldowns.Key("t-2", ProviderKind.OPENAI, "gpt-a"))).isFalse();

        // And when the 30 s have passed it is usable again
        clock.advance(Duration.ofSeconds(30));
        assertThat(cooldowns.isCooling(limited)).isFalse();
    }

    @Test
    void shorterCooldownDoesNotShortenALongerOne() {
        // Given a 60 s cooldown and then a 5 s one for the same key
        cooldowns.coolDown(limited, Duration.ofSeconds(60));
        cooldowns.coolDown(limited, Duration.ofSeconds(5));

        // When 10 s pass
        clock.advance(Duration.ofSeconds(10));

        // Then the model is still cooling down
        assertThat(cooldowns.isCooling(limited)).isTrue();
    }
}
