package ai.aleff.bench.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A WhatsApp Business number's webhook as Meta's Cloud API calls it: the payload signed with the app secret in
 * {@code X-Hub-Signature-256}, each user a conversation (their {@code wa_id}). Of every {@link #CYCLE} messages,
 * {@link #BATCH_SIZE} (from different users) travel in one webhook, as Meta batches under load. Meta retries a
 * delivery that was not acknowledged with a 2xx (an error status, a timeout, a refused connection) with the same
 * payload, and so does this target.
 */
final class WhatsAppTarget implements HttpTarget {

    static final int CYCLE = 15;
    static final int BATCH_SIZE = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String webhookUrl;
    private final String appSecret;
    private final String phoneNumberId;

    WhatsAppTarget(String webhookUrl, String appSecret, String phoneNumberId) {
        this.webhookUrl = webhookUrl;
        this.appSecret = appSecret;
        this.phoneNumberId = phoneNumberId;
    }

    /** The wamid of the message with this marker: what the reply must quote ({@code context.message_id}). */
    static String wamid(String marker) {
        return "wamid.bench" + marker.replaceAll("[^A-Za-z0-9]", "");
    }

    @Override
    public int batch(int index) {
        return index % CYCLE == 1 ? BATCH_SIZE : 1;
    }

    @Override
    public HttpRequest request(LoadClient.Attempt attempt) throws IOException {
        ObjectNode payload = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode change = payload.putArray("entry").addObject().put("id", "102290129340398").putArray("changes")
                .addObject().put("field", "messages");
        ObjectNode value = change.putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "15550783881").put("phone_number_id", phoneNumberId);
        ArrayNode contacts = value.putArray("contacts");
        ArrayNode messages = value.putArray("messages");
        for (LoadClient.Message message : attempt.messages()) {
            contacts.addObject().put("wa_id", message.conversationId()).putObject("profile").put("name", "Bench");
            ObjectNode m = messages.addObject().put("from", message.conversationId())
                    .put("id", wamid(message.marker()))
                    .put("timestamp", String.valueOf(Instant.now().getEpochSecond()))
                    .put("type", "text");
            m.putObject("text").put("body", message.text());
        }
        byte[] body = JSON.writeValueAsBytes(payload);
        return HttpRequest.newBuilder(URI.create(webhookUrl))
                .timeout(LoadClient.REQUEST_TIMEOUT)
                .header("X-Hub-Signature-256", "sha256=" + hmac(appSecret, body))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** Meta's signature: hex HMAC-SHA256 of the raw body with the app secret. */
    static String hmac(String appSecret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean accepted(int status) {
        return status >= 200 && status < 300;
    }

    @Override
    public boolean retryable(int status) {
        return !accepted(status);
    }

    @Override
    public String messageId(String body) {
        return null;
    }
}
