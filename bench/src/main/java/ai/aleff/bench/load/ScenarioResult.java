package ai.aleff.bench.load;

import java.util.List;
import java.util.Map;

/** What one scenario measured: the figures for the table and the details for the JSON file. */
record ScenarioResult(String scenario, List<Figure> figures, Map<String, Object> details) {
}
