package ai.aleff.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import ai.aleff.deploy.PlatformService;

/**
 * Scenario 6: each service's resident memory (VmRSS from /proc/<pid>/status), read after the load scenarios so the
 * heaps have grown, and its start time (process start until its readiness check answered).
 */
final class FootprintScenario {

    static final String ID = "footprint";

    private FootprintScenario() {
    }

    static ScenarioResult run(BenchContext context, StartTimes startTimes) {
        List<Figure> figures = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.values()) {
            OptionalDouble rss = context.platform().serviceProcess(service)
                    .map(handle -> residentMegabytes(handle.pid()))
                    .orElse(OptionalDouble.empty());
            double megabytes = rss.orElse(Double.NaN);
            double start = startTimes.seconds(service.moduleName()).orElse(Double.NaN);
            figures.add(new Figure(ID, service.moduleName() + " resident memory", megabytes, "MB",
                    Target.below(250), null));
            figures.add(new Figure(ID, service.moduleName() + " start time", start, "s", null, null));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("rssMegabytes", Double.isNaN(megabytes) ? null : megabytes);
            entry.put("startSeconds", Double.isNaN(start) ? null : start);
            details.put(service.moduleName(), entry);
        }
        if (context.platform().kafka() != null) {
            double kafka = residentMegabytes(context.platform().kafka().pid()).orElse(Double.NaN);
            figures.add(new Figure(ID, "Kafka broker resident memory (infrastructure)", kafka, "MB", null, null));
            details.put("kafka", Map.of("rssMegabytes", kafka));
        }
        return new ScenarioResult(ID, figures, details);
    }

    /** VmRSS of a process, in MB (MiB); empty where /proc is not available (not Linux). */
    static OptionalDouble residentMegabytes(long pid) {
        try {
            return parseVmRss(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }

    static OptionalDouble parseVmRss(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return OptionalDouble.of(Long.parseLong(parts[0]) / 1024.0);
            }
        }
        return OptionalDouble.empty();
    }
}
