package ai.aleff.bench.load;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import ai.aleff.bench.model.EmulatedModelServer;
import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;
import ai.aleff.deploy.PlatformSettings;
import ai.aleff.deploy.Progress;
import ai.aleff.deploy.RepoLocator;

/**
 * {@code ./aleff bench}: starts the platform as {@code ./aleff run} does (its own free ports and data directory),
 * with agent-worker pointed at an emulated model, runs the six scenarios through the public APIs and reports each
 * figure against its target.
 */
public final class LoadBenchmark {

    private LoadBenchmark() {
    }

    public static void main(String[] args) {
        // Embedded PostgreSQL and the Kafka clients log through slf4j-simple: keep the console for the figures.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            // The launcher's readiness loop expects refused connections while the broker boots.
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        }
        Path repo = RepoLocator.locate();
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, repo.resolve("bench/target/bench-results.json"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        System.exit(run(repo, options, System.out));
    }

    /** Every ingress limit of the benchmark's platform: far above any load it sends. */
    private static final String BENCH_LIMIT = "100000000";

    static int run(Path repo, BenchOptions options, PrintStream out) {
        Map<String, Object> machine = ResultsReport.describeMachine();
        Path dataDir = repo.resolve("bench/target/platform-" + System.currentTimeMillis());
        StartTimes startTimes = new StartTimes(out);
        try (EmulatedModelServer model = EmulatedModelServer.start(Duration.ZERO)) {
            PlatformSettings.Builder settings = PlatformSettings.builder(repo, dataDir)
                    .freePorts()
                    .environment(Map.of())
                    .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model.openai.base-url",
                            model.baseUrl())
                    .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model.openai.api-key", "sk-bench")
                    .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model.openai.model-name",
                            EmulatedModelServer.MODEL_NAME);
            // The benchmark measures the platform's speed, not its rate limits (docs/limits.md): with the defaults,
            // 20 tenants at 600 messages a minute would refuse most of its load with 429.
            for (PlatformService service : List.of(PlatformService.CHANNEL_INGRESS, PlatformService.TENANT_SERVICE)) {
                for (String limit : List.of("messages-per-minute", "messages-per-minute-per-key",
                        "concurrent-streams", "conversations-per-day")) {
                    settings = settings.serviceProperty(service, "aleff.limits." + limit, BENCH_LIMIT);
                }
            }
            PlatformSettings platformSettings = settings.build();
            out.println("aleff bench: starting the platform (data and logs in " + dataDir + ")");
            LocalPlatform platform = LocalPlatform.start(platformSettings, new Progress(startTimes.stream()));
            // Ctrl-C still stops every process the benchmark started; close() is safe to call twice.
            Thread stopper = new Thread(platform::close, "aleff-bench-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            try (platform) {
                PlatformClient client = new PlatformClient(platform.serviceUrl(PlatformService.TENANT_SERVICE),
                        platform.serviceUrl(PlatformService.CHANNEL_INGRESS));
                out.println("aleff bench: creating " + BenchContext.TENANTS + " tenants");
                List<String> tenantKeys = new ArrayList<>();
                for (int i = 0; i < BenchContext.TENANTS; i++) {
                    tenantKeys.add(
                            client.createTenant("bench-" + i + "-" + UUID.randomUUID(), platform.platformAdminToken()));
                }
                BenchContext context = new BenchContext(platform, model, client, List.copyOf(tenantKeys), options);
                List<ScenarioResult> results = scenarios(context, startTimes, repo, out);
                ResultsReport report = new ResultsReport(machine, results);
                report.recordLoadAtEnd();
                report.print(out);
                report.write(options.output());
                out.println("Results written to " + options.output());
                return 0;
            } finally {
                Runtime.getRuntime().removeShutdownHook(stopper);
            }
        } catch (RuntimeException e) {
            out.println("aleff bench failed: " + e.getMessage());
            e.printStackTrace(out);
            return 1;
        }
    }

    private static List<ScenarioResult> scenarios(BenchContext context, StartTimes startTimes, Path repo,
            PrintStream out) {
        List<ScenarioResult> results = new ArrayList<>();
        results.add(scenario(out, "1/6 added latency (sequential messages, instant model)",
                () -> AddedLatencyScenario.run(context)));
        results.add(scenario(out, "2/6 end-to-end throughput (rising concurrency, instant model)",
                () -> ThroughputScenario.run(context, out)));
        // The JFR profile covers agent-worker while it works through the slow-model backlog.
        JfrProfile[] profile = new JfrProfile[1];
        results.add(scenario(out, "3/6 " + context.options().slowConversations() + " conversations, "
                + context.options().slowModelMillis() + " ms model", () -> SlowModelScenario.run(context, () -> {
                    profile[0] = startProfile(context, PlatformService.AGENT_WORKER, repo, out);
                })));
        stopProfile(profile[0], out);
        results.add(scenario(out, "6/6 memory and start time (measured after the load)",
                () -> FootprintScenario.run(context, startTimes)));
        String agentWorker = stopAgentWorker(context, out);
        results.add(scenario(out, "5/6 audit records persisted", () -> AuditScenario.run(context)));
        JfrProfile ingressProfile = startProfile(context, PlatformService.CHANNEL_INGRESS, repo, out);
        results.add(scenario(out, "4/6 ingress acceptance", () -> IngressScenario.run(context, agentWorker)));
        stopProfile(ingressProfile, out);
        return results;
    }

    /** A JFR recording of one service while a scenario loads it; null when --no-jfr or the service is gone. */
    private static JfrProfile startProfile(BenchContext context, PlatformService service, Path repo,
            PrintStream out) {
        if (!context.options().jfr()) {
            return null;
        }
        return context.platform().serviceProcess(service).map(handle -> {
            out.println("   JFR recording of " + service.moduleName() + " (pid " + handle.pid() + ") under load");
            return JfrProfile.start(handle.pid(), repo.resolve("bench/target/jfr/" + service.moduleName() + ".jfr"));
        }).orElse(null);
    }

    private static void stopProfile(JfrProfile profile, PrintStream out) {
        if (profile == null) {
            return;
        }
        String summary = profile.stopAndSummarise();
        summary.lines().limit(24).forEach(line -> out.println("   " + line));
        out.println("   recording: " + profile.file() + "  (more: jfr view hot-methods|contention-by-site <file>)");
    }

    /** agent-worker is stopped for scenarios 4 and 5 so they measure ingress and audit-service alone. */
    private static String stopAgentWorker(BenchContext context, PrintStream out) {
        return context.platform().serviceProcess(PlatformService.AGENT_WORKER).map(handle -> {
            handle.destroy();
            try {
                handle.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
            out.println("== agent-worker stopped (pid " + handle.pid() + ") for the ingress and audit scenarios");
            return "agent-worker stopped";
        }).orElse("agent-worker not running");
    }

    private static ScenarioResult scenario(PrintStream out, String title, Supplier<ScenarioResult> body) {
        out.println("== " + title);
        long begin = System.nanoTime();
        try {
            ScenarioResult result = body.get();
            out.printf(java.util.Locale.ROOT, "   done in %.1f s%n", (System.nanoTime() - begin) / 1e9);
            return result;
        } catch (RuntimeException e) {
            out.println("   FAILED: " + e);
            e.printStackTrace(out);
            return new ScenarioResult(title, List.of(new Figure(title.substring(4), "scenario failed", Double.NaN,
                    "", null, e.toString())), Map.of("error", e.toString()));
        }
    }
}
