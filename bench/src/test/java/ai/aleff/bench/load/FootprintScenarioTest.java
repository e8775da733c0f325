package ai.aleff.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FootprintScenarioTest {

    @Test
    void residentMemoryIsReadFromVmRssInKibibytes() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 4000000 kB", "VmRSS:\t  204800 kB",
                "Threads:\t42");
        assertThat(FootprintScenario.parseVmRss(status)).hasValue(200.0);
    }

    @Test
    void aStatusWithoutVmRssGivesNothing() {
        assertThat(FootprintScenario.parseVmRss(List.of("Name:\tkthreadd"))).isEmpty();
    }

    @Test
    void thisJvmHasAPositiveResidentSizeOnLinux() {
        java.util.OptionalDouble rss = FootprintScenario.residentMegabytes(ProcessHandle.current().pid());
        assertThat(rss).isPresent();
        assertThat(rss.getAsDouble()).isPositive();
    }
}
