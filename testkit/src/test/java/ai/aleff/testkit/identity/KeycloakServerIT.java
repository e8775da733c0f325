package ai.aleff.testkit.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aleff.deploy.AleffRealm;
import ai.aleff.deploy.KafkaClasspath;
import ai.aleff.deploy.SharedKeycloak;
import ai.aleff.testkit.identity.RealmUsers.TestUser;

class KeycloakServerIT {

    @Test
    void aSecondJvmReusesTheRunningServerInsteadOfStartingAnother() throws IOException, InterruptedException {
        // Given the shared Keycloak, started or found by this JVM
        String url = KeycloakServer.url();
        SharedKeycloak.State recorded = KeycloakServer.shared().read().orElseThrow();
        assertThat(recorded.url()).isEqualTo(url);

        // When another JVM (as the next module's tests would be) asks for it
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", KafkaClasspath.resolve(), KeycloakServer.class.getName()));
        Process other = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(other.waitFor(120, TimeUnit.SECONDS)).isTrue();

        // Then it gets the same server: same URL, same process, which still answers
        assertThat(other.exitValue()).as(output).isZero();
        assertThat(output.lines().reduce((first, last) -> last).orElse("")).isEqualTo(url + " " + recorded.pid());
        assertThat(ProcessHandle.of(recorded.pid()).map(ProcessHandle::isAlive)).contains(true);
        assertThat(KeycloakServer.client().isReady()).isTrue();
    }

    @Test
    void aUserOfATenantGetsATokenWithItsRoleTenantAndThePlatformAudience() {
        // Given a tenant administrator of a fresh tenant
        String tenant = UUID.randomUUID().toString();
        TestUser admin = RealmUsers.tenantAdmin(tenant);

        // When they log in through the CLI client
        JsonNode claims = Tokens.claims(RealmUsers.token(admin));

        // Then the token names the realm as issuer, the platform as audience, their tenant and their role
        assertThat(claims.path("iss").asText()).isEqualTo(KeycloakServer.realmUrl());
        assertThat(audiences(claims)).contains(AleffRealm.AUDIENCE);
        assertThat(claims.path(AleffRealm.TENANT_ATTRIBUTE).asText()).isEqualTo(tenant);
        assertThat(claims.path("realm_access").path("roles").toString()).contains("\"tenant-admin\"")
                .doesNotContain("platform-admin");
    }

    @Test
    void theRealmFilesDemoPlatformAdministratorLogsInWithoutATenant() {
        // When the demo platform administrator of the realm file logs in
        JsonNode claims = Tokens.claims(KeycloakServer.client()
                .passwordToken(AleffRealm.PLATFORM_ADMIN.username(), AleffRealm.PLATFORM_ADMIN.password()));

        // Then the token carries the platform role and no tenant
        assertThat(claims.path("realm_access").path("roles").toString()).contains("\"platform-admin\"");
        assertThat(claims.has(AleffRealm.TENANT_ATTRIBUTE)).isFalse();
        assertThat(audiences(claims)).contains(AleffRealm.AUDIENCE);
    }

    @Test
    void theOtherAudienceClientIssuesTokensWithoutThePlatformAudience() {
        // Given a tenant member
        TestUser member = RealmUsers.tenantMember(UUID.randomUUID().toString());

        // When they get a token from a client of another application
        JsonNode claims = Tokens.claims(RealmUsers.tokenForAnotherAudience(member));

        // Then it is a token of the realm, with their tenant, but not for the platform
        assertThat(claims.path("iss").asText()).isEqualTo(KeycloakServer.realmUrl());
        assertThat(claims.path(AleffRealm.TENANT_ATTRIBUTE).asText()).isEqualTo(member.tenantId());
        assertThat(audiences(claims)).doesNotContain(AleffRealm.AUDIENCE);
    }

    private static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        List<String> values = new ArrayList<>();
        if (aud.isArray()) {
            aud.forEach(value -> values.add(value.asText()));
        } else if (aud.isTextual()) {
            values.add(aud.asText());
        }
        return values;
    }
}
