package ai.aleff.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Talks to one Keycloak server over HTTP: readiness, tokens of the {@code aleff} realm, and its admin API. */
public final class KeycloakClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String url;
    private final HttpClient http;

    public KeycloakClient(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:8090}. */
    public String url() {
        return url;
    }

    /** The issuer of the platform's tokens: what services configure as {@code quarkus.oidc.auth-server-url}. */
    public String realmUrl() {
        return url + "/realms/" + AleffRealm.NAME;
    }

    public String tokenEndpoint() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    /** Whether the realm is imported and answers its OpenID configuration. */
    public boolean isReady() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(3))
                    .GET()
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An access token of the {@code aleff} realm for a user, by the password grant of the public CLI client. */
    public String passwordToken(String username, String password) {
        return passwordToken(AleffRealm.CLI_CLIENT, username, password);
    }

    public String passwordToken(String clientId, String username, String password) {
        return token(tokenEndpoint(), clientId, username, password);
    }

    /** The admin API, as the master realm's bootstrap administrator. */
    public KeycloakAdmin admin(KeycloakAdminCredentials credentials) {
        return new KeycloakAdmin(this, credentials);
    }

    String masterToken(KeycloakAdminCredentials credentials) {
        return token(url + "/realms/master/protocol/openid-connect/token", "admin-cli", credentials.username(),
                credentials.password());
    }

    private String token(String endpoint, String clientId, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build();
        JsonNode body = send(request, 200, "token for " + username + " (client " + clientId + ")");
        return body.path("access_token").asText();
    }

    JsonNode send(HttpRequest request, int expectedStatus, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new KeycloakException(what + ": Keycloak answered " + response.statusCode() + " "
                        + response.body(), response.statusCode());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new KeycloakException(what + ": " + e.getMessage(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeycloakException(what + ": interrupted", 0);
        }
    }

    HttpResponse<String> exchange(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new KeycloakException(what + ": " + e.getMessage(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeycloakException(what + ": interrupted", 0);
        }
    }

    private static String formEncode(Map<String, String> form) {
        return form.entrySet()
                .stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Keycloak refused or could not be reached. */
    public static final class KeycloakException extends RuntimeException {

        private final int status;

        KeycloakException(String message, int status) {
            super(message);
            this.status = status;
        }

        /** The HTTP status Keycloak answered, 0 when it could not be reached. */
        public int status() {
            return status;
        }
    }
}
