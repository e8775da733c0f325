package ai.aleff.bench.load;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Sizes of the benchmark run. Every loop is bounded twice: by a count and by a time cap.
 *
 * @param warmup messages sent before the added-latency samples (JIT warm-up), not counted
 * @param sequentialMessages added-latency samples, one message at a time
 * @param maxConcurrency the throughput ramp stops here at the latest
 * @param stageSeconds how long each throughput step runs
 * @param throughputCapSeconds the whole throughput ramp stops after this
 * @param slowConversations concurrent conversations with the slow model
 * @param messagesPerConversation messages each slow-model conversation sends in sequence
 * @param slowModelMillis the slow model's answer time
 * @param slowCapSeconds how long the slow-model scenario waits for replies at most
 * @param ingressRequests POSTs of the ingress-acceptance scenario
 * @param ingressConcurrency POSTs in flight at once
 * @param auditRecords audit records published straight to the topic
 * @param jfr record a JFR profile of agent-worker during the slow-model scenario
 * @param output where the JSON results go
 */
public record BenchOptions(int warmup, int sequentialMessages, int maxConcurrency, int stageSeconds,
        int throughputCapSeconds, int slowConversations, int messagesPerConversation, int slowModelMillis,
        int slowCapSeconds, int ingressRequests, int ingressConcurrency, int auditRecords, boolean jfr, Path output,
        boolean help) {

    public static final String USAGE = """
            Usage: ./aleff bench [options]
              Starts the platform as `./aleff run` does (free ports, a fresh data directory under bench/target),
              plus an emulated OpenAI-compatible model, drives load through the public HTTP API, prints a table
              and writes bench/target/bench-results.json.
              --quick                     a smaller run (about 6 minutes instead of about 8, 2.5 of them start-up)
              --sequential <n>            added-latency samples (default 200)
              --max-concurrency <n>       throughput ramp ceiling (default 128)
              --stage-seconds <n>         length of each throughput step (default 8)
              --conversations <n>         slow-model conversations (default 200)
              --messages-per-conversation <n>  (default 3)
              --slow-model-ms <n>         slow model answer time (default 1000)
              --slow-cap-seconds <n>      longest wait for slow-model replies (default 90)
              --ingress-requests <n>      POSTs for the ingress scenario (default 20000)
              --ingress-concurrency <n>   POSTs in flight (default 64)
              --audit-records <n>         audit records published (default 50000)
              --no-jfr                    skip the JFR profile of agent-worker
              --output <file>             results JSON (default bench/target/bench-results.json)
              --help                      this text""";

    private static final java.util.Set<String> NUMERIC = java.util.Set.of("--sequential", "--max-concurrency",
            "--stage-seconds", "--conversations", "--messages-per-conversation", "--slow-model-ms",
            "--slow-cap-seconds", "--ingress-requests", "--ingress-concurrency", "--audit-records");

    public Duration slowModelLatency() {
        return Duration.ofMillis(slowModelMillis);
    }

    public static BenchOptions defaults(Path output) {
        return new BenchOptions(20, 200, 128, 8, 120, 200, 3, 1000, 90, 20_000, 64, 50_000, true, output, false);
    }

    public static BenchOptions quick(Path output) {
        return new BenchOptions(10, 100, 32, 4, 40, 200, 2, 1000, 30, 5_000, 64, 10_000, true, output, false);
    }

    /** Parses the arguments; {@code --quick} first sets the smaller sizes, later options override single sizes. */
    public static BenchOptions parse(String[] args, Path defaultOutput) {
        boolean quick = false;
        for (String arg : args) {
            quick |= arg.equals("--quick");
        }
        BenchOptions o = quick ? quick(defaultOutput) : defaults(defaultOutput);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> {
                }
                case "--help", "-h" -> o = o.with(b -> b.help = true);
                case "--no-jfr" -> o = o.with(b -> b.jfr = false);
                case "--output" -> {
                    Path path = Path.of(value(args, ++i, arg));
                    o = o.with(b -> b.output = path);
                }
                default -> {
                    if (!NUMERIC.contains(arg)) {
                        throw new IllegalArgumentException("Unknown option '" + arg + "'\n" + USAGE);
                    }
                    int n = number(value(args, ++i, arg), arg);
                    o = switch (arg) {
                        case "--sequential" -> o.with(b -> b.sequentialMessages = n);
                        case "--max-concurrency" -> o.with(b -> b.maxConcurrency = n);
                        case "--stage-seconds" -> o.with(b -> b.stageSeconds = n);
                        case "--conversations" -> o.with(b -> b.slowConversations = n);
                        case "--messages-per-conversation" -> o.with(b -> b.messagesPerConversation = n);
                        case "--slow-model-ms" -> o.with(b -> b.slowModelMillis = n);
                        case "--slow-cap-seconds" -> o.with(b -> b.slowCapSeconds = n);
                        case "--ingress-requests" -> o.with(b -> b.ingressRequests = n);
                        case "--ingress-concurrency" -> o.with(b -> b.ingressConcurrency = n);
                        case "--audit-records" -> o.with(b -> b.auditRecords = n);
                        default -> throw new IllegalArgumentException("Unknown option '" + arg + "'\n" + USAGE);
                    };
                }
            }
        }
        return o;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int number(String value, String option) {
        try {
            int n = Integer.parseInt(value);
            // Upper bound: the load loops stay bounded whatever the caller asks for.
            if (n < 1 || n > 1_000_000) {
                throw new IllegalArgumentException(option + " must be between 1 and 1000000");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a number, got '" + value + "'");
        }
    }

    private BenchOptions with(java.util.function.Consumer<Mutable> change) {
        Mutable m = new Mutable(this);
        change.accept(m);
        return m.build();
    }

    /** Copy-on-write helper for {@link #parse}: records have no withers. */
    private static final class Mutable {
        int warmup, sequentialMessages, maxConcurrency, stageSeconds, throughputCapSeconds, slowConversations,
                messagesPerConversation, slowModelMillis, slowCapSeconds, ingressRequests, ingressConcurrency,
                auditRecords;
        boolean jfr, help;
        Path output;

        Mutable(BenchOptions o) {
            warmup = o.warmup;
            sequentialMessages = o.sequentialMessages;
            maxConcurrency = o.maxConcurrency;
            stageSeconds = o.stageSeconds;
            throughputCapSeconds = o.throughputCapSeconds;
            slowConversations = o.slowConversations;
            messagesPerConversation = o.messagesPerConversation;
            slowModelMillis = o.slowModelMillis;
            slowCapSeconds = o.slowCapSeconds;
            ingressRequests = o.ingressRequests;
            ingressConcurrency = o.ingressConcurrency;
            auditRecords = o.auditRecords;
            jfr = o.jfr;
            help = o.help;
            output = o.output;
        }

        BenchOptions build() {
            return new BenchOptions(warmup, sequentialMessages, maxConcurrency, stageSeconds, throughputCapSeconds,
                    slowConversations, messagesPerConversation, slowModelMillis, slowCapSeconds, ingressRequests,
                    ingressConcurrency, auditRecords, jfr, output, help);
        }
    }
}
