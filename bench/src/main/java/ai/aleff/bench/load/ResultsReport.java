package ai.aleff.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The benchmark's output: a table with each figure beside its target, and the same in a JSON file. */
final class ResultsReport {

    private final Map<String, Object> machine;
    private final List<ScenarioResult> results;

    ResultsReport(Map<String, Object> machine, List<ScenarioResult> results) {
        this.machine = new LinkedHashMap<>(machine);
        this.results = List.copyOf(results);
    }

    List<Figure> figures() {
        return results.stream().flatMap(r -> r.figures().stream()).toList();
    }

    /** The load average when the figures were final: other work on the machine skews every figure. */
    void recordLoadAtEnd() {
        machine.put("loadAverageAtEnd", loadAverage());
    }

    void print(PrintStream out) {
        out.println();
        out.println("AleffAI load benchmark  (" + machine.get("cpus") + " CPUs, " + machine.get("memory") + ", load "
                + machine.get("loadAverageAtStart") + " at start, " + machine.get("loadAverageAtEnd") + " at end, JDK "
                + machine.get("java") + ")");
        String format = "%-14s %-52s %12s %-10s %-12s %s%n";
        out.printf(Locale.ROOT, format, "scenario", "figure", "value", "unit", "target", "verdict");
        out.println("-".repeat(110));
        for (Figure f : figures()) {
            String verdict = f.verdict();
            if (verdict.equals("MISS")) {
                verdict += String.format(Locale.ROOT, " (%.0f %% short)", f.target().shortfallPercent(f.value()));
            }
            out.printf(Locale.ROOT, format, f.scenario(), f.name(), Target.format(f.value()), f.unit(),
                    f.target() == null ? "" : f.target().describe(), verdict);
        }
        out.println();
        for (Figure f : figures()) {
            if (f.note() != null) {
                out.println("* " + f.scenario() + ": " + f.note());
            }
        }
        long missed = figures().stream().filter(f -> f.verdict().equals("MISS")).count();
        long targets = figures().stream().filter(f -> f.target() != null).count();
        out.println();
        out.println((targets - missed) + " of " + targets + " targets met.");
    }

    void write(Path file) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("machine", machine);
        root.put("figures", figures().stream().map(Figure::toMap).toList());
        Map<String, Object> details = new LinkedHashMap<>();
        results.forEach(r -> details.put(r.scenario(), r.details()));
        root.put("details", details);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** What the figures were measured on: they mean little without it. */
    static Map<String, Object> describeMachine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("memory", firstLine(Path.of("/proc/meminfo")).replaceAll("MemTotal:\\s*", "").strip());
        machine.put("loadAverageAtStart", loadAverage());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.version"));
        machine.put("note", "client, model emulator, Kafka, PostgreSQL and the five services share this machine");
        return machine;
    }

    private static String loadAverage() {
        return String.join(" ", List.of(firstLine(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    }

    private static String firstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? "?" : lines.getFirst();
        } catch (IOException e) {
            return "? ? ?";
        }
    }
}
