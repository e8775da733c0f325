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
    private final DemoTenant demo = new DemoTenant("7d0e6a8e-5b7e-4c55-9d0c-1f6f8a1e2b3c", "ak_demo");

    @Test
    void listsEveryServiceWithItsSwaggerUiTheLoginsAndTheLogs() {
        // When the instructions are rendered
        String text = Instructions.render(settings, new DataLayout(Path.of("/data")), demo);

        // Then the developer sees every URL, how to log in as each demo user, the token URL and where the logs are
        for (PlatformService service : PlatformService.values()) {
            assertThat(text).contains(service.moduleName() + " ")
                    .contains(settings.serviceUrl(service) + "/q/swagger-ui");
        }
        assertThat(text).contains("http://127.0.0.1:8190/realms/aleff/protocol/openid-connect/token")
                .contains("platform-admin", "aleff-platform-admin", "demo-admin", "aleff-demo-admin", "demo-member",
                        "aleff-demo-member")
                .contains("ADMIN_TOKEN=$(token platform-admin aleff-platform-admin)")
                .contains("http://127.0.0.1:8181/v1/tenants/" + demo.id() + "/assistant")
                .contains("http://127.0.0.1:8190/admin")
                .contains("/data/keycloak-admin-password")
                .doesNotContain("ak_demo")
                .contains("/data/logs")
                .contains("http://127.0.0.1:8181/v1/tenants")
                .contains("http://127.0.0.1:8180/v1/messages")
                .contains("/time Europe/Lisbon")
                .contains("/calc 2*(3+4)")
                .contains("http://127.0.0.1:8180/v1/conversations/$CONV/messages")
                .contains("http://127.0.0.1:8180/v1/conversations/$CONV/events")
                .contains("http://127.0.0.1:8184/v1/audit?conversationId=$CONV")
                .contains("Chat widget demo page: http://127.0.0.1:8180/demo/" + demo.id());
    }

    @Test
    void theApiKeyExtractionWorksInAPlainShell() throws IOException, InterruptedException {
        // Given the line that extracts the key, and a tenant-service response
        String line = Instructions.render(settings, new DataLayout(Path.of("/data")), demo)
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

    @Test
    void theTokenFunctionExtractsTheAccessTokenInAPlainShell() throws IOException, InterruptedException {
        // Given the printed token function with curl replaced by a Keycloak token response
        String function = Instructions.render(settings, new DataLayout(Path.of("/data")), demo)
                .lines()
                .dropWhile(l -> !l.startsWith("token() {"))
                .limit(2)
                .reduce("", (a, b) -> a + b + "\n");
        String script = "curl() { printf '%s' '{\"access_token\":\"eyJ.a-b_c.d\",\"expires_in\":300}'; }\n"
                + function + "printf %s \"$(token demo-admin secret)\"";

        // When bash runs it
        Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        bash.waitFor(10, TimeUnit.SECONDS);

        // Then only the access token comes out
        assertThat(output).isEqualTo("eyJ.a-b_c.d");
        assertThat(bash.exitValue()).isZero();
    }
}
