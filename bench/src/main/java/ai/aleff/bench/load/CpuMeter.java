package ai.aleff.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import ai.aleff.deploy.PlatformService;

/**
 * CPU time consumed by each part of the platform (utime + stime from /proc), so a scenario can say how many CPU
 * milliseconds one message costs in each process, and what that means for the ceiling of a 2-core machine. This is
 * the evidence behind "what limits the figure": throughput cannot exceed cores x 1000 / total CPU ms per message.
 */
final class CpuMeter {

    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every mainstream architecture. */
    private static final double MILLIS_PER_TICK = 10.0;
    static final String POSTGRES = "postgresql";
    static final String KAFKA = "kafka";
    static final String CLIENT = "benchmark client + model";

    private final BenchContext context;

    CpuMeter(BenchContext context) {
        this.context = context;
    }

    /** CPU milliseconds used so far, per part of the platform (empty where /proc is not available). */
    Map<String, Double> snapshot() {
        Map<String, Double> millis = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.values()) {
            context.platform().serviceProcess(service)
                    .ifPresent(handle -> millis.put(service.moduleName(), cpuMillis(handle.pid())));
        }
        if (context.platform().kafka() != null) {
            millis.put(KAFKA, cpuMillis(context.platform().kafka().pid()));
        }
        millis.put(POSTGRES, postgresMillis());
        millis.put(CLIENT, cpuMillis(ProcessHandle.current().pid()));
        millis.values().removeIf(value -> value.isNaN());
        return millis;
    }

    /** What each part spent between two snapshots, per unit of work (e.g. per message). */
    static Map<String, Double> perUnit(Map<String, Double> before, Map<String, Double> after, double units) {
        Map<String, Double> result = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> entry : after.entrySet()) {
            Double start = before.get(entry.getKey());
            if (start == null || units <= 0) {
                continue;
            }
            double each = (entry.getValue() - start) / units;
            result.put(entry.getKey(), each);
            if (!CLIENT.equals(entry.getKey())) {
                total += each;
            }
        }
        result.put("platform total", total);
        return result;
    }

    /** The most units per second the platform's CPU use allows on {@code cores} cores. */
    static double ceilingPerSecond(Map<String, Double> perUnit, int cores) {
        double total = perUnit.getOrDefault("platform total", 0.0);
        return total <= 0 ? Double.NaN : cores * 1000.0 / total;
    }

    static String format(Map<String, Double> perUnit) {
        StringBuilder text = new StringBuilder();
        perUnit.forEach((name, ms) -> text.append(text.isEmpty() ? "" : ", ")
                .append(name).append(' ').append(String.format(Locale.ROOT, "%.2f", ms)));
        return text.toString();
    }

    static double cpuMillis(long pid) {
        try {
            return parseStatTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"),
                    StandardCharsets.US_ASCII)) * MILLIS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** utime + stime of a /proc/<pid>/stat line (fields 14 and 15; the command name may contain spaces). */
    static long parseStatTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state), so field 14 is fields[11]
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The postmaster of this platform's data directory and all its backends. */
    private double postgresMillis() {
        String dataDir = context.platform().dataDirectory().resolve("postgres").toString();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            List<Path> pids = procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList();
            long postmaster = -1;
            for (Path p : pids) {
                String cmdline = read(p.resolve("cmdline")).replace('\0', ' ');
                if (cmdline.contains("postgres") && cmdline.contains(dataDir)) {
                    postmaster = Long.parseLong(p.getFileName().toString());
                }
            }
            if (postmaster < 0) {
                return Double.NaN;
            }
            double total = 0;
            for (Path p : pids) {
                long pid = Long.parseLong(p.getFileName().toString());
                String stat = read(p.resolve("stat"));
                if (stat.isEmpty()) {
                    continue;
                }
                long parent = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+")[1]);
                if (pid == postmaster || parent == postmaster) {
                    total += parseStatTicks(stat) * MILLIS_PER_TICK;
                }
            }
            return total;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
