package ai.aleff.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names a running service exports at {@code /q/metrics}, and the names it must export: the committed list
 * {@code k8s/observability/metrics/<service>.txt}, which the dashboards and alert rules are checked against
 * (ObservabilityAssetsTest). Each service's metrics IT asserts its list after real traffic, so a name the dashboards
 * use cannot silently stop being exported.
 */
public final class ExportedMetrics {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ExportedMetrics() {
    }

    /** The series names of one scrape: labels and values dropped, comments skipped. */
    public static Set<String> scrape(URL baseUrl) {
        return names(text(baseUrl));
    }

    /** One scrape of {@code /q/metrics}, as the Prometheus text exposition. */
    public static String text(URL baseUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl.toString())
                    .resolve("/q/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/q/metrics answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The series names of a Prometheus text exposition. */
    public static Set<String> names(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    /** The committed list of a service (one name a line, {@code #} comments), read from the repository root. */
    public static List<String> expected(String service) {
        Path list = repositoryRoot().resolve("k8s/observability/metrics").resolve(service + ".txt");
        try {
            return Files.readAllLines(list).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + list, e);
        }
    }

    /** Tests run in their module's directory; the repository root is the first parent holding {@code k8s/}. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("k8s"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no k8s/ directory above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
