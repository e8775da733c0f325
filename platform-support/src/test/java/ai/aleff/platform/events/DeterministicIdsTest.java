package ai.aleff.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class DeterministicIdsTest {

    @Test
    void theSameNameGivesTheSameIdAsTheIdsAlreadyStored() {
        // Then an id is the version-3 name-based UUID of its parts joined by ':', as ids were made before
        String expected = UUID.nameUUIDFromBytes("message.accepted:m-1".getBytes(StandardCharsets.UTF_8)).toString();
        assertThat(DeterministicIds.of("message.accepted", "m-1")).isEqualTo(expected);
        assertThat(DeterministicIds.of("message.accepted:m-1")).isEqualTo(expected);
        assertThat(UUID.fromString(expected).version()).isEqualTo(3);
    }

    @Test
    void differentNamesGiveDifferentIds() {
        assertThat(DeterministicIds.of("reply", "t-1")).isNotEqualTo(DeterministicIds.of("reply", "t-2"))
                .isNotEqualTo(DeterministicIds.of("audit", "t-1"));
    }
}
