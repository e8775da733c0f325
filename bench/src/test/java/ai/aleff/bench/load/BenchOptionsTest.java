package ai.aleff.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static final Path OUT = Path.of("bench/target/bench-results.json");

    @Test
    void quickIsSmallerThanTheDefaultAndSingleSizesOverrideIt() {
        BenchOptions full = BenchOptions.parse(new String[0], OUT);
        BenchOptions quick = BenchOptions.parse(new String[]{"--sequential", "50", "--quick", "--no-jfr"}, OUT);

        assertThat(quick.ingressRequests()).isLessThan(full.ingressRequests());
        assertThat(quick.auditRecords()).isLessThan(full.auditRecords());
        assertThat(quick.sequentialMessages()).isEqualTo(50);
        assertThat(quick.jfr()).isFalse();
        assertThat(full.jfr()).isTrue();
        assertThat(full.slowConversations()).isEqualTo(200);
        assertThat(full.output()).isEqualTo(OUT);
    }

    @Test
    void unknownOptionsAndUnboundedSizesAreRefused() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[]{"--forever"}, OUT))
                .hasMessageContaining("Unknown option '--forever'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[]{"--audit-records", "0"}, OUT))
                .hasMessageContaining("between 1 and 1000000");
        assertThatThrownBy(() -> BenchOptions.parse(new String[]{"--sequential"}, OUT))
                .hasMessageContaining("needs a value");
    }
}
