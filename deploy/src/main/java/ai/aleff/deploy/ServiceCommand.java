package ai.aleff.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import ai.aleff.contracts.database.ServiceDatabase;

/**
 * How one service is launched: {@code java <options> -D<config>... -jar quarkus-run.jar}. Secrets travel in
 * environment variables (SmallRye Config maps {@code ALEFF_SECRETS_ACTIVE_KEY} to
 * {@code aleff.secrets.active-key}) because arguments are visible to every user in the process list.
 */
public record ServiceCommand(PlatformService service, List<String> command, Map<String, String> environment) {

    public static final String OIDC_SERVER_PROPERTY = "quarkus.oidc.auth-server-url";
    /** tenant-service publishes every tenant again before it is ready (the first start after a restore). */
    public static final String REPUBLISH_PROPERTY = "aleff.tenant.republish-at-start";
    public static final String OPENAI_PREFIX = "aleff.agent.model.openai.";
    public static final String SECRET_KEY_PROPERTY = "aleff.secrets.keys." + SecretKey.ID;
    public static final String ACTIVE_SECRET_KEY_PROPERTY = "aleff.secrets.active-key";
    /** The chat widget's visitor-token key (docs/widget.md); derived from the platform secret key on a local run. */
    public static final String WIDGET_TOKEN_KEY_PROPERTY = "aleff.ingress.widget.token-key";
    public static final String DATASOURCE_USERNAME_PROPERTY = "quarkus.datasource.username";
    public static final String DATASOURCE_PASSWORD_PROPERTY = "quarkus.datasource.password";
    public static final String FLYWAY_USERNAME_PROPERTY = "quarkus.flyway.username";
    public static final String FLYWAY_PASSWORD_PROPERTY = "quarkus.flyway.password";

    public ServiceCommand {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    public static Path jar(Path repoDir, PlatformService service) {
        return repoDir.resolve(service.moduleName()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Fails with one clear message naming every service that has not been built. */
    public static void requireJars(Path repoDir) {
        List<String> missing = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            if (!Files.isRegularFile(jar(repoDir, service))) {
                missing.add(jar(repoDir, service).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new PlatformStartException(
                    "Missing service jars: run ./aleff build first.\n  " + String.join("\n  ", missing));
        }
    }

    /** Without a platform secret key: tenants cannot store their own model API keys. */
    public static ServiceCommand of(PlatformService service, PlatformSettings settings, String javaCommand) {
        return of(service, settings, javaCommand, null);
    }

    /**
     * @param secretKey base64 of the platform secret key; tenant-service encrypts tenants' model API keys and
     *        identity secrets with it, agent-worker decrypts the model keys and channel-ingress the identity secrets,
     *        so these three get it (and only they)
     */
    public static ServiceCommand of(PlatformService service, PlatformSettings settings, String javaCommand,
            String secretKey) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", Integer.toString(settings.port(service)));
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("kafka.bootstrap.servers", settings.bootstrapServers());
        // The jar runs in the prod profile, whose logs are JSON for a log pipeline; a local run stays readable.
        properties.put("quarkus.log.console.json.enabled", "false");
        properties.put("quarkus.datasource.reactive.url", settings.reactiveUrl());
        properties.put("quarkus.datasource.jdbc.url", settings.jdbcUrl());
        Map<String, String> environment = new LinkedHashMap<>();
        addDatabaseLogins(service, settings, properties, environment);
        if (service == PlatformService.TENANT_SERVICE) {
            // The admin API checks Keycloak tokens: the issuer must be the URL clients get their tokens from.
            properties.put(OIDC_SERVER_PROPERTY, settings.keycloakRealmUrl());
            if (Files.exists(new DataLayout(settings.dataDir()).republishPending())) {
                properties.put(REPUBLISH_PROPERTY, "true");
            }
        }
        if (secretKey != null
                && (service == PlatformService.TENANT_SERVICE || service == PlatformService.AGENT_WORKER)) {
            environment.put(environmentName(SECRET_KEY_PROPERTY), secretKey);
            environment.put(environmentName(ACTIVE_SECRET_KEY_PROPERTY), SecretKey.ID);
        }
        if (secretKey != null && service == PlatformService.CHANNEL_INGRESS) {
            // Only decrypts (identity secrets): without an active key it cannot encrypt anything.
            environment.put(environmentName(SECRET_KEY_PROPERTY), secretKey);
            environment.put(environmentName(WIDGET_TOKEN_KEY_PROPERTY), widgetTokenKey(secretKey));
        }
        if (service == PlatformService.AGENT_WORKER) {
            addModelProvider(settings.environment(), properties, environment);
        }
        if (service == PlatformService.AGENT_WORKER || service == PlatformService.TENANT_SERVICE) {
            // The local run lets tenants' models reach loopback, where a local Ollama or an emulator listens.
            properties.put("aleff.egress.allowed-networks", "127.0.0.0/8,::1/128");
        }
        // The caller's properties win over the defaults above (the e2e test points agent-worker at WireMock).
        properties.putAll(settings.extraProperties(service));

        List<String> command = new ArrayList<>(List.of(javaCommand));
        command.addAll(settings.serviceJvmOptions());
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar(settings.repoDir(), service).toString()));
        return new ServiceCommand(service, command, environment);
    }

    /** The service's own roles; their passwords only in the environment (the process list shows arguments). */
    private static void addDatabaseLogins(PlatformService service, PlatformSettings settings,
            Map<String, String> properties, Map<String, String> environment) {
        ServiceDatabase database = ServiceDatabase.byService(service.moduleName());
        DatabaseLogins logins = DatabaseLogins.in(settings.dataDir());
        properties.put(DATASOURCE_USERNAME_PROPERTY, database.loginRole());
        properties.put(FLYWAY_USERNAME_PROPERTY, database.ownerRole());
        environment.put(environmentName(DATASOURCE_PASSWORD_PROPERTY), logins.password(database.loginRole()));
        environment.put(environmentName(FLYWAY_PASSWORD_PROPERTY), logins.password(database.ownerRole()));
    }

    private static void addModelProvider(Map<String, String> source, Map<String, String> properties,
            Map<String, String> environment) {
        String baseUrl = source.get("OPENAI_BASE_URL");
        if (baseUrl == null || baseUrl.isBlank()) {
            return;
        }
        properties.put(OPENAI_PREFIX + "base-url", baseUrl);
        String model = source.get("OPENAI_MODEL");
        if (model != null && !model.isBlank()) {
            properties.put(OPENAI_PREFIX + "model-name", model);
        }
        String apiKey = source.get("OPENAI_API_KEY");
        if (apiKey != null && !apiKey.isBlank()) {
            environment.put(environmentName(OPENAI_PREFIX + "api-key"), apiKey);
        }
    }

    /**
     * A key of its own for the widget's visitor tokens, derived from the platform secret key (HMAC-SHA256 with a
     * fixed label), so a local run needs no second generated secret and a token never reveals the platform key.
     */
    static String widgetTokenKey(String secretKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secretKey), "HmacSHA256"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal("aleff widget visitor tokens".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The environment variable SmallRye Config reads for a property name. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The same command listening on another HTTP port: a second instance of the service beside the first. */
    public ServiceCommand withPort(int port) {
        String option = "-Dquarkus.http.port=";
        if (command.stream().noneMatch(argument -> argument.startsWith(option))) {
            throw new IllegalStateException("the command names no " + option + "...: " + describe());
        }
        return new ServiceCommand(service, command.stream()
                .map(argument -> argument.startsWith(option) ? option + port : argument)
                .toList(), environment);
    }

    /** The command line with nothing secret in it, for the service's log. */
    public String describe() {
        return String.join(" ", command) + (environment.isEmpty() ? "" : "  (+ env " + environment.keySet() + ")");
    }
}
