package ai.aleff.deploy;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/** One line per start-up step, with how long the step and the whole start took. */
public final class Progress {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public static Progress silent() {
        return new Progress(new PrintStream(PrintStream.nullOutputStream()));
    }

    public <T> T step(String description, Supplier<T> work) {
        long stepStart = System.nanoTime();
        T result = work.get();
        line(description + " (" + seconds(System.nanoTime() - stepStart) + ")");
        return result;
    }

    public void step(String description, Runnable work) {
        step(description, () -> {
            work.run();
            return null;
        });
    }

    public synchronized void line(String text) {
        out.println("[" + seconds(System.nanoTime() - startNanos) + "] " + text);
    }

    public synchronized void print(String text) {
        out.println(text);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%5.1fs", Duration.ofNanos(nanos).toMillis() / 1000.0);
    }
}
