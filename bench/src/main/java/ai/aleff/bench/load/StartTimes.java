package ai.aleff.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launcher's start-up progress, echoed to the console and read for each service's start time (the launcher
 * prints {@code <service> ready on <url> (<seconds>s, pid <pid>)} once its readiness check answers).
 */
final class StartTimes {

    private static final Pattern READY = Pattern.compile("\\]\\s+(\\S+)\\s+ready on \\S+ \\(([0-9.]+)s, pid \\d+\\)");

    private final Map<String, Double> seconds = new ConcurrentHashMap<>();
    private final PrintStream stream;

    StartTimes(PrintStream echo) {
        this.stream = new PrintStream(new LineSplitter(echo), true, StandardCharsets.UTF_8);
    }

    PrintStream stream() {
        return stream;
    }

    Optional<Double> seconds(String service) {
        return Optional.ofNullable(seconds.get(service));
    }

    void accept(String line) {
        Matcher matcher = READY.matcher(line);
        if (matcher.find()) {
            seconds.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
    }

    private final class LineSplitter extends OutputStream {

        private final PrintStream echo;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSplitter(PrintStream echo) {
            this.echo = echo;
        }

        @Override
        public synchronized void write(int b) {
            echo.write(b);
            if (b == '\n') {
                accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public void flush() {
            echo.flush();
        }
    }
}
