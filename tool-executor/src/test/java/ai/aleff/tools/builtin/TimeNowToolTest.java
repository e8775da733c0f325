package ai.aleff.tools.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.tools.service.ToolException;

class TimeNowToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TimeNowTool tool = new TimeNowTool(
            Clock.fixed(Instant.parse("2026-07-01T12:34:56.789Z"), ZoneOffset.UTC));

    @Test
    void givesTheTimeInTheRequestedZoneWithOffsetAndZoneId() throws Exception {
        // Given a summer instant, When asked for Lisbon, Then it is 13:34:56 at +01:00 in Europe/Lisbon
        String now = tool.execute(args("{\"timezone\":\"Europe/Lisbon\"}"));
        assertThat(now).isEqualTo("2026-07-01T13:34:56+01:00[Europe/Lisbon]");
        assertThat(ZonedDateTime.parse(now).toInstant()).isEqualTo(Instant.parse("2026-07-01T12:34:56Z"));
    }

    @Test
    void defaultsToUtcWithoutATimezone() throws Exception {
        // Given no timezone (or null), When asked, Then the answer is in UTC
        assertThat(tool.execute(args("{}"))).isEqualTo("2026-07-01T12:34:56Z[UTC]");
        assertThat(tool.execute(args("{\"timezone\":null}"))).isEqualTo("2026-07-01T12:34:56Z[UTC]");
    }

    @Test
    void rejectsUnknownZonesAndWrongTypes() {
        // Given an unknown zone, When asked, Then the error names it
        assertThatThrownBy(() -> tool.execute(args("{\"timezone\":\"Mars/Olympus\"}")))
                .isInstanceOf(ToolException.class).hasMessage("unknown time zone 'Mars/Olympus'");
        // Given a hostile long zone, Then the error quotes only a bounded prefix
        assertThatThrownBy(() -> tool.execute(args("{\"timezone\":\"" + "x".repeat(5000) + "\"}")))
                .isInstanceOf(ToolException.class).message().hasSizeLessThan(100);
        // Given a number, Then it is refused as the wrong type
        assertThatThrownBy(() -> tool.execute(args("{\"timezone\":42}"))).isInstanceOf(ToolException.class)
                .hasMessageContaining("must be a string");
    }

    private static JsonNode args(String json) throws Exception {
        return JSON.readTree(json);
    }
}
