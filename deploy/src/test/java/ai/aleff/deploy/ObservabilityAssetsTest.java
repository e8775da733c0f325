package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Grafana dashboards and Prometheus rules under {@code k8s/observability/}: the rules pass {@code promtool check
 * rules} and their unit tests, and every metric name a query uses is one a service exports. Exported means listed
 * in {@code k8s/observability/metrics/<service>.txt}, which each service's metrics IT checks against a real scrape
 * after real traffic; so a dashboard cannot use a name no service has, and a service cannot drop a name a dashboard
 * uses.
 */
class ObservabilityAssetsTest {

    private static final Path ROOT = repositoryRoot();
    private static final Path OBSERVABILITY = ROOT.resolve("k8s/observability");
    private static final Path RULES = OBSERVABILITY.resolve("alerts/aleff-rules.yaml");
    private static final Pattern EXPR = Pattern.compile("^\\s*expr:\\s*(.+)$");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "and", "or", "unless", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "le", "inf", "nan");

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTests() throws Exception {
        // Given the rules file and its promtool unit tests
        String promtool = Promtool.path();

        // When / Then
        assertThat(run(OBSERVABILITY.resolve("alerts"), promtool, "check", "rules", RULES.toString()))
                .as("promtool check rules").contains("SUCCESS");
        assertThat(run(OBSERVABILITY.resolve("alerts"), promtool, "test", "rules", "aleff-rules.test.yaml"))
                .as("promtool test rules").contains("SUCCESS");
    }

    @Test
    void everyRuleExpressionUsesOnlyExportedMetrics() throws IOException {
        // Given every alert's expression
        List<String> lines = Files.readAllLines(RULES);
        List<String> expressions = lines.stream().map(EXPR::matcher).filter(Matcher::matches)
                .map(m -> m.group(1)).toList();
        long alerts = lines.stream().filter(l -> l.strip().startsWith("- alert:")).count();
        assertThat(expressions).as("one single-line expr per alert").hasSize((int) alerts).isNotEmpty();

        // When / Then
        assertUsesExportedNames(expressions, "alert rules");
    }

    @Test
    void everyDashboardQueryUsesOnlyExportedMetrics() throws IOException {
        // Given both dashboards' panel queries and template-variable queries
        ObjectMapper json = new ObjectMapper();
        for (String name : List.of("platform-overview.json", "tenant.json")) {
            JsonNode dashboard = json.readTree(OBSERVABILITY.resolve("dashboards").resolve(name).toFile());
            List<String> queries = new ArrayList<>();
            dashboard.path("panels").forEach(panel -> panel.path("targets")
                    .forEach(target -> queries.add(target.path("expr").asText())));
            assertThat(queries).as(name + " panel queries").isNotEmpty().doesNotContain("");
            dashboard.path("templating").path("list").forEach(variable -> {
                String query = variable.path("query").path("query").asText("");
                Matcher values = Pattern.compile("label_values\\((\\w+),").matcher(query);
                if (values.find()) {
                    queries.add(values.group(1));
                }
            });

            // When / Then
            assertUsesExportedNames(queries, name);
        }
    }

    @Test
    void theNameExtractionFindsMetricsAndSkipsFunctionsAndLabels() {
        assertThat(metricNames("histogram_quantile(0.95, sum by (le, provider) "
                + "(rate(aleff_model_call_duration_seconds_bucket{outcome=\"failure\",tenant=\"$tenant\"}"
                + "[$__rate_interval]))) / sum(up) > 0.2")).containsExactly("aleff_model_call_duration_seconds_bucket",
                        "up");
    }

    private static void assertUsesExportedNames(List<String> queries, String where) throws IOException {
        Set<String> exported = exported();
        for (String query : queries) {
            Set<String> names = metricNames(query);
            assertThat(names).as("metric names in %s query %s", where, query).isNotEmpty();
            assertThat(exported).as("names exported by the services (k8s/observability/metrics), used in %s: %s",
                    where, query).containsAll(names);
        }
    }

    /** Identifiers that are neither functions (followed by '('), labels, keywords, strings nor ranges. */
    static Set<String> metricNames(String query) {
        String stripped = query.replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(stripped);
        while (m.find()) {
            String word = m.group();
            String rest = stripped.substring(m.end()).stripLeading();
            boolean function = rest.startsWith("(");
            boolean number = m.start() > 0 && Character.isDigit(stripped.charAt(m.start() - 1));
            if (!function && !number && !KEYWORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    private static Set<String> exported() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> lists = Files.list(OBSERVABILITY.resolve("metrics"))) {
            for (Path list : lists.filter(p -> p.toString().endsWith(".txt")).toList()) {
                Files.readAllLines(list).stream().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(names::add);
            }
        }
        return names;
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("k8s"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    /** promtool from Debian's prometheus package, which ./aleff test installs when it is missing (as root). */
    static final class Promtool {

        static String path() {
            String fromEnv = System.getenv("ALEFF_PROMTOOL");
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv;
            }
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                if (Files.isExecutable(Path.of(dir, "promtool"))) {
                    return Path.of(dir, "promtool").toString();
                }
            }
            throw new AssertionError("promtool not found: install Debian's prometheus package (apt-get install "
                    + "prometheus; ./aleff test does so as root) or point ALEFF_PROMTOOL at it");
        }
    }
}
