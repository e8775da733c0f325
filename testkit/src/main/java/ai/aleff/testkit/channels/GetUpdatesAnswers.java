package ai.aleff.testkit.channels;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import ai.aleff.testkit.LocalTransformer;

/**
 * Answers {@code /bot<token>/getUpdates} from the bot's {@link TelegramBotQueue}. Parameters come as Telegram takes
 * them: query string, JSON body or form body.
 */
final class GetUpdatesAnswers extends LocalTransformer {

    static final String NAME = "telegram-get-updates";
    private static final Pattern PATH = Pattern.compile("/bot([^/]+)/getUpdates");

    private final Function<String, TelegramBotQueue> bots;

    GetUpdatesAnswers(Function<String, TelegramBotQueue> bots) {
        super(NAME);
        this.bots = bots;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String url = event.getRequest().getUrl();
        int query = url.indexOf('?');
        Matcher path = PATH.matcher(query < 0 ? url : url.substring(0, query));
        if (!path.matches()) {
            return answer(TelegramBotQueue.Answer.error(404, "Not Found", null));
        }
        TelegramBotQueue bot = bots.apply(URLDecoder.decode(path.group(1), StandardCharsets.UTF_8));
        if (bot == null) {
            return answer(TelegramBotQueue.Answer.error(401, "Unauthorized", null));
        }
        Map<String, String> parameters = new HashMap<>();
        if (query >= 0) {
            form(url.substring(query + 1), parameters);
        }
        String body = event.getRequest().getBodyAsString();
        try {
            if (body != null && body.trim().startsWith("{")) {
                JsonNode json = TelegramPollingApi.JSON.readTree(body);
                json.fields().forEachRemaining(f -> parameters.put(f.getKey(),
                        f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
            } else if (body != null && !body.isBlank()) {
                form(body, parameters);
            }
            long offset = Long.parseLong(parameters.getOrDefault("offset", "0"));
            int limit = Integer.parseInt(parameters.getOrDefault("limit", "100"));
            int timeout = Integer.parseInt(parameters.getOrDefault("timeout", "0"));
            return answer(bot.getUpdates(offset, limit, Math.max(0, timeout)));
        } catch (IOException | NumberFormatException e) {
            return answer(TelegramBotQueue.Answer.error(400, "Bad Request: " + e.getMessage(), null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return answer(TelegramBotQueue.Answer.error(500, "Internal Server Error", null));
        }
    }

    private static void form(String encoded, Map<String, String> into) {
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                into.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
    }

    /** Telegram's answer format: {@code {"ok":true,"result":[...]}} or {@code {"ok":false,"error_code":..}}. */
    private static ResponseDefinition answer(TelegramBotQueue.Answer answer) {
        ObjectNode body = TelegramPollingApi.JSON.createObjectNode();
        if (answer.status() == 200) {
            body.put("ok", true);
            ArrayNode result = body.putArray("result");
            answer.updates().forEach(result::add);
        } else {
            body.put("ok", false);
            body.put("error_code", answer.status());
            body.put("description", answer.description());
            if (answer.retryAfter() != null) {
                body.putObject("parameters").put("retry_after", answer.retryAfter());
            }
        }
        return new ResponseDefinitionBuilder().withStatus(answer.status())
                .withHeader("Content-Type", "application/json")
                .withBody(body.toString())
                .build();
    }
}
