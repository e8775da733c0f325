package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aleff.contracts.database.ServiceDatabase;

class ServiceCommandTest {

    private static final Path REPO = Path.of("/repo");
    private static final Set<String> DATABASE_PASSWORDS = Set.of("QUARKUS_DATASOURCE_PASSWORD",
            "QUARKUS_FLYWAY_PASSWORD");

    @TempDir
    Path dataDir;

    private PlatformSettings.Builder settings() {
        return PlatformSettings.builder(REPO, dataDir).postgresPort(6543).kafkaPort(19092);
    }

    /** The environment apart from the database passwords every service gets (tested on their own below). */
    private static Map<String, String> otherSecrets(ServiceCommand command) {
        Map<String, String> rest = new HashMap<>(command.environment());
        rest.keySet().removeAll(DATABASE_PASSWORDS);
        return rest;
    }

    @Test
    void everyServiceGetsItsPortLoopbackHostKafkaAndDatabase() {
        // Given default settings but custom infrastructure ports
        PlatformSettings settings = settings().build();

        // When the audit-service command is built
        ServiceCommand command = ServiceCommand.of(PlatformService.AUDIT_SERVICE, settings, "/jdk/bin/java");

        // Then it runs the Quarkus jar with the infrastructure coordinates as system properties
        assertThat(command.command()).startsWith("/jdk/bin/java")
                .containsSequence("-jar", "/repo/audit-service/target/quarkus-app/quarkus-run.jar")
                .contains("-Dquarkus.http.port=8084", "-Dquarkus.http.host=127.0.0.1",
                        "-Dkafka.bootstrap.servers=127.0.0.1:19092",
                        "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:6543/aleff",
                        "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:6543/aleff",
                        "-Dquarkus.datasource.username=aleff_audit", "-Dquarkus.flyway.username=aleff_audit_owner");
        assertThat(command.command().getLast()).endsWith("quarkus-run.jar");
        assertThat(otherSecrets(command)).isEmpty();
    }

    @Test
    void toolExecutorGetsTheDatabaseForItsIdempotencyStoreAndMemory() {
        // Given default settings
        PlatformSettings settings = settings().build();

        // When the tool-executor command is built
        ServiceCommand command = ServiceCommand.of(PlatformService.TOOL_EXECUTOR, settings, "java");

        // Then it has the database coordinates like every other database service
        assertThat(command.command()).contains("-Dquarkus.http.port=8083",
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:6543/aleff",
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:6543/aleff",
                "-Dquarkus.datasource.username=aleff_tools", "-Dquarkus.flyway.username=aleff_tools_owner");
    }

    @Test
    void everyServiceLogsInAsItsOwnRolesWithPasswordsOnlyInTheEnvironment() {
        // Given default settings and the passwords the data directory keeps
        PlatformSettings settings = settings().build();
        DatabaseLogins logins = DatabaseLogins.in(dataDir);

        for (PlatformService service : PlatformService.values()) {
            // When the service's command is built
            ServiceCommand command = ServiceCommand.of(service, settings, "java");
            ServiceDatabase database = ServiceDatabase.byService(service.moduleName());

            // Then it queries as its login role and migrates as its schema's owner, never as the superuser
            assertThat(command.command()).contains("-Dquarkus.datasource.username=" + database.loginRole(),
                    "-Dquarkus.flyway.username=" + database.ownerRole())
                    .noneMatch(arg -> arg.endsWith("=postgres") || arg.contains("password"));
            // And the passwords are in its environment alone: not in its arguments, not in the logged command line
            String login = logins.password(database.loginRole());
            String owner = logins.password(database.ownerRole());
            assertThat(login).isNotEqualTo(owner).hasSizeGreaterThanOrEqualTo(32);
            assertThat(command.environment()).containsEntry("QUARKUS_DATASOURCE_PASSWORD", login)
                    .containsEntry("QUARKUS_FLYWAY_PASSWORD", owner);
            assertThat(String.join(" ", command.command())).doesNotContain(login).doesNotContain(owner);
            assertThat(command.describe()).doesNotContain(login).doesNotContain(owner);
        }
        // And every role has a password of its own
        assertThat(ServiceDatabase.allRoles().stream().map(logins::password).distinct())
                .hasSize(ServiceDatabase.allRoles().size());
    }

    @Test
    void tenantServiceRepublishesEveryTenantOnlyOnTheFirstStartAfterARestore() {
        // Given a data directory without the restore's marker
        PlatformSettings settings = settings().build();
        DataLayout layout = new DataLayout(dataDir);
        String property = "-D" + ServiceCommand.REPUBLISH_PROPERTY + "=true";
        assertThat(ServiceCommand.of(PlatformService.TENANT_SERVICE, settings, "java").command())
                .doesNotContain(property);

        // When a restore marked it
        RestoredTenants.markRestored(layout);

        // Then tenant-service alone starts with the pass, until the marker is taken once it was ready
        assertThat(ServiceCommand.of(PlatformService.TENANT_SERVICE, settings, "java").command()).contains(property);
        assertThat(ServiceCommand.of(PlatformService.CHANNEL_INGRESS, settings, "java").command())
                .doesNotContain(property);
        assertThat(RestoredTenants.republished(layout)).isTrue();
        assertThat(RestoredTenants.republished(layout)).isFalse();
        assertThat(ServiceCommand.of(PlatformService.TENANT_SERVICE, settings, "java").command())
                .doesNotContain(property);
    }

    @Test
    void tenantServiceChecksTokensOfThePlatformsKeycloakRealm() {
        // Given the default ports, then a platform that uses a Keycloak someone else started
        PlatformSettings settings = settings().build();
        PlatformSettings external = settings().externalKeycloak("http://127.0.0.1:41234").build();

        // When the commands are built
        ServiceCommand tenant = ServiceCommand.of(PlatformService.TENANT_SERVICE, settings, "java");
        ServiceCommand ingress = ServiceCommand.of(PlatformService.CHANNEL_INGRESS, settings, "java");
        ServiceCommand withExternal = ServiceCommand.of(PlatformService.TENANT_SERVICE, external, "java");

        // Then tenant-service's issuer is the realm URL clients get their tokens from, and no token is handed out
        assertThat(tenant.command()).contains("-Dquarkus.oidc.auth-server-url=http://127.0.0.1:8090/realms/aleff");
        assertThat(withExternal.command())
                .contains("-Dquarkus.oidc.auth-server-url=http://127.0.0.1:41234/realms/aleff");
        assertThat(otherSecrets(tenant)).isEmpty();
        assertThat(String.join(" ", ingress.command())).doesNotContain("oidc");
    }

    @Test
    void theSecretKeyReachesTenantServiceAgentWorkerAndIngressOnlyThroughTheEnvironment() {
        // Given a generated platform secret key
        PlatformSettings settings = settings().build();
        String key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

        // When the commands are built
        ServiceCommand tenant = ServiceCommand.of(PlatformService.TENANT_SERVICE, settings, "java", key);
        ServiceCommand agent = ServiceCommand.of(PlatformService.AGENT_WORKER, settings, "java", key);

        // Then the service that encrypts and the one that decrypts get it as the active key, in the environment
        for (ServiceCommand command : List.of(tenant, agent)) {
            assertThat(command.environment()).containsEntry("ALEFF_SECRETS_KEYS_LOCAL", key)
                    .containsEntry("ALEFF_SECRETS_ACTIVE_KEY", "local");
            assertThat(String.join(" ", command.command())).doesNotContain(key);
            assertThat(command.describe()).doesNotContain(key);
        }

        // And ingress, which only decrypts identity secrets, gets it without being able to encrypt
        ServiceCommand ingress = ServiceCommand.of(PlatformService.CHANNEL_INGRESS, settings, "java", key);
        assertThat(ingress.environment()).containsEntry("ALEFF_SECRETS_KEYS_LOCAL", key)
                .doesNotContainKey("ALEFF_SECRETS_ACTIVE_KEY");
        // And a widget token key of its own, derived from it (never the key itself)
        assertThat(ingress.environment().get("ALEFF_INGRESS_WIDGET_TOKEN_KEY")).isNotBlank().isNotEqualTo(key)
                .isEqualTo(ServiceCommand.widgetTokenKey(key));
        assertThat(ServiceCommand.widgetTokenKey("BAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="))
                .isNotEqualTo(ServiceCommand.widgetTokenKey(key));
        assertThat(String.join(" ", ingress.command())).doesNotContain(key);

        // And no other service gets it
        for (PlatformService other : List.of(PlatformService.TOOL_EXECUTOR, PlatformService.AUDIT_SERVICE)) {
            ServiceCommand command = ServiceCommand.of(other, settings, "java", key);
            assertThat(otherSecrets(command)).isEmpty();
            assertThat(String.join(" ", command.command())).doesNotContain(key);
        }
    }

    @Test
    void agentWorkerUsesTheOpenAiProviderFromTheEnvironmentWithTheKeyKeptOffTheCommandLine() {
        // Given OPENAI_* variables
        PlatformSettings settings = settings().environment(Map.of("OPENAI_BASE_URL", "http://llm:1234/v1",
                "OPENAI_API_KEY", "sk-secret", "OPENAI_MODEL", "gpt-x")).build();

        // When the agent-worker command is built
        ServiceCommand agent = ServiceCommand.of(PlatformService.AGENT_WORKER, settings, "java");

        // Then base URL and model are properties and the key is an environment variable
        assertThat(agent.command()).contains("-Daleff.agent.model.openai.base-url=http://llm:1234/v1",
                "-Daleff.agent.model.openai.model-name=gpt-x");
        assertThat(String.join(" ", agent.command())).doesNotContain("sk-secret");
        assertThat(otherSecrets(agent))
                .containsExactlyEntriesOf(Map.of("ALEFF_AGENT_MODEL_OPENAI_API_KEY", "sk-secret"));
    }

    @Test
    void withoutOpenAiBaseUrlNoProviderIsConfigured() {
        // Given only a key, no base URL
        PlatformSettings settings = settings().environment(Map.of("OPENAI_API_KEY", "sk-secret")).build();

        // When the agent-worker command is built
        ServiceCommand agent = ServiceCommand.of(PlatformService.AGENT_WORKER, settings, "java");

        // Then the service keeps its own defaults
        assertThat(agent.command()).noneMatch(arg -> arg.contains("aleff.agent.model"));
        assertThat(otherSecrets(agent)).isEmpty();
    }

    @Test
    void callerPropertiesOverrideDefaultsForTheirServiceOnly() {
        // Given an extra property and an overridden default for agent-worker
        PlatformSettings settings = settings()
                .serviceProperty(PlatformService.AGENT_WORKER, "aleff.agent.model.openai.base-url", "http://mock/v1")
                .serviceProperty(PlatformService.AGENT_WORKER, "quarkus.http.host", "localhost")
                .environment(Map.of("OPENAI_BASE_URL", "http://real/v1"))
                .serviceJvmOptions(List.of("-Xmx1g"))
                .build();

        // When the commands are built
        List<String> agent = ServiceCommand.of(PlatformService.AGENT_WORKER, settings, "java").command();
        List<String> tools = ServiceCommand.of(PlatformService.TOOL_EXECUTOR, settings, "java").command();

        // Then the caller's values replace the defaults, once, and other services are untouched
        assertThat(agent)
                .contains("-Daleff.agent.model.openai.base-url=http://mock/v1", "-Dquarkus.http.host=localhost",
                        "-Xmx1g")
                .doesNotContain("-Daleff.agent.model.openai.base-url=http://real/v1", "-Dquarkus.http.host=127.0.0.1");
        assertThat(tools).contains("-Dquarkus.http.host=127.0.0.1").noneMatch(arg -> arg.contains("mock"));
    }

    @Test
    void environmentNamesFollowSmallRyeConfigMapping() {
        assertThat(ServiceCommand.environmentName("aleff.tenant.admin-token")).isEqualTo("ALEFF_TENANT_ADMIN_TOKEN");
    }
}
