package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class InstructionsTest {

    private final PlatformSettings settings = PlatformSettings.builder(Path.of("/repo"), Path.of("/data"))
            .portOffset(100)
            .build();

    @Test
    void listsEveryServiceWithItsSwaggerUiTheTokenAndTheLogs() {
        // When the instructions are rendered
        String text = Instructions.render(settings, new DataLayout(Path.of("/data")), "adm_123");

        // Then the developer sees every URL, the admin token and where the logs are
        for (PlatformService service : PlatformService.values()) {
            assertThat(text).contains(service.moduleName() + " ")
                    .contains(settings.serviceUrl(service) + "/q/swagger-ui");
        }
        assertThat(text).contains("ADMIN_TOKEN=adm_123")
                .contains("/data/logs")
                .contains("http://127.0.0.1:8181/v1/tenants")
                .contains("http://127.0.0.1:8180/v1/messages")
                .contains("/time Europe/Lisbon")
                .contains("/calc 2*(3+4)")
                .contains("http://127.0.0.1:8180/v1/conversations/$CONV/messages")
                .contains("http://127.0.0.1:8180/v1/conversations/$CONV/events")
                .contains("http://127.0.0.1:8184/v1/audit?conversationId=$CONV");
    }

    @Test
    void theApiKeyExtractionWorksInAPlainShell() throws IOException, InterruptedException {
        // Given the line that extracts the key, and a tenant-service response
        String line = Instructions.render(settings, new DataLayout(Path.of("/data")), "t")
                .lines()
                .filter(l -> l.startsWith("API_KEY="))
                .findFirst()
                .orElseThrow();
        String script = "TENANT='{\"id\":\"t-1\",\"apiKey\": \"ak_live_42\",\"name\":\"acme\"}'\n" + line
                + "\nprintf %s \"$API_KEY\"";

        // When bash runs it
        Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        bash.waitFor(10, TimeUnit.SECONDS);

        // Then the key comes out without jq
        assertThat(output).isEqualTo("ak_live_42");
        assertThat(bash.exitValue()).isZero();
    }
}
