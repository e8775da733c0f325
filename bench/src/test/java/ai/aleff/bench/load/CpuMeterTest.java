package ai.aleff.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void readsUserAndSystemTicksEvenWhenTheCommandNameHasSpacesAndParentheses() {
        // Given a /proc/<pid>/stat line whose comm field contains ") ("
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 9000 0 12 0 1234 567 0 0 20 0 40 0 100 "
                + "5000000 30000 18446744073709551615 1 1 0 0 0 0 0 4096 17610 0 0 0 17 1 0 0 0 0 0";

        // Then utime (field 14) plus stime (field 15) are read
        assertThat(CpuMeter.parseStatTicks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void perUnitDividesEachPartsCpuAndTotalsThePlatformWithoutTheClient() {
        // Given two snapshots 100 messages apart
        Map<String, Double> before = Map.of("agent-worker", 1000.0, "kafka", 500.0, CpuMeter.CLIENT, 10.0);
        Map<String, Double> after = new java.util.LinkedHashMap<>();
        after.put("agent-worker", 1800.0);
        after.put("kafka", 700.0);
        after.put(CpuMeter.CLIENT, 310.0);

        // When divided per message
        Map<String, Double> perMessage = CpuMeter.perUnit(before, after, 100);

        // Then each part is per message and the client is reported but not in the platform total
        assertThat(perMessage.get("agent-worker")).isCloseTo(8.0, within(1e-9));
        assertThat(perMessage.get("kafka")).isCloseTo(2.0, within(1e-9));
        assertThat(perMessage.get(CpuMeter.CLIENT)).isCloseTo(3.0, within(1e-9));
        assertThat(perMessage.get("platform total")).isCloseTo(10.0, within(1e-9));
        // And two cores at 10 ms per message allow at most 200 messages per second
        assertThat(CpuMeter.ceilingPerSecond(perMessage, 2)).isCloseTo(200.0, within(1e-9));
    }

    @Test
    void noWorkGivesNoCeiling() {
        assertThat(CpuMeter.ceilingPerSecond(CpuMeter.perUnit(Map.of("a", 1.0), Map.of("a", 1.0), 0), 2)).isNaN();
    }
}
