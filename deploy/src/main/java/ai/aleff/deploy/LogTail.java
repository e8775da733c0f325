package ai.aleff.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log file, shown when a component fails to start. */
public final class LogTail {

    private LogTail() {
    }

    public static List<String> lastLines(Path file, int count) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            // Malformed bytes (a child killed mid-write) must not hide the rest of the log.
            List<String> lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    public static String format(Path file, int count) {
        StringBuilder text = new StringBuilder("---- last " + count + " lines of " + file + "\n");
        lastLines(file, count).forEach(line -> text.append("  | ").append(line).append('\n'));
        return text.toString();
    }
}
