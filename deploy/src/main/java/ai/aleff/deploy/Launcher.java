package ai.aleff.deploy;

import java.util.concurrent.CountDownLatch;

/** {@code ./aleff run}: starts the local platform, prints how to use it, and stops it all on Ctrl-C. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Embedded PostgreSQL and the Kafka admin client log through slf4j-simple: keep the console for our steps.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            // The readiness loop expects refused connections while the broker boots.
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        }
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("aleff run: " + e.getMessage() + "\n\n" + LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }
        Progress progress = new Progress(System.out);
        LocalPlatform platform;
        try {
            PlatformSettings settings = options.toSettings(
                    options.repoDir().orElseGet(RepoLocator::locate), System.getenv());
            platform = LocalPlatform.create(settings, progress);
            platform.restartOnExit(options.restartPolicy());
            platform.requireServiceJars();
        } catch (PlatformStartException e) {
            System.err.println("aleff run: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            progress.line("stopping...");
            platform.close();
            stopped.countDown();
        }, "aleff-stop"));
        try {
            platform.startInfrastructure();
            platform.startServices();
        } catch (RuntimeException e) {
            System.err.println("\naleff run: " + e.getMessage());
            // The shutdown hook stops whatever did start.
            System.exit(1);
        }
        DemoTenant demo;
        try {
            demo = progress.step("demo tenant linked to the demo users", () -> DemoTenant.ensure(platform));
        } catch (RuntimeException e) {
            System.err.println("\naleff run: " + e.getMessage());
            System.exit(1);
            return;
        }
        progress.print(Instructions.render(platform.settings(), platform.layout(), demo));
        stopped.await();
    }
}
