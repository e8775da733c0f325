package ai.aleff.tenant.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aleff.tenant.config.TenantSettings;

class AdminTokenTest {

    @Test
    void onlyTheExactTokenIsAccepted() {
        // Given a configured token
        AdminToken token = new AdminToken(settings(Optional.of("secret-token")));

        // Then only the exact value passes
        assertThat(token.configured()).isTrue();
        assertThat(token.accepts("secret-token")).isTrue();
        assertThat(token.accepts("secret-toke")).isFalse();
        assertThat(token.accepts("secret-tokenx")).isFalse();
        assertThat(token.accepts("Secret-token")).isFalse();
        assertThat(token.accepts("")).isFalse();
        assertThat(token.accepts(null)).isFalse();
    }

    @Test
    void aMissingOrBlankTokenIsNotConfiguredAndAcceptsNothing() {
        for (Optional<String> value : java.util.List.of(Optional.<String>empty(), Optional.of("  "))) {
            AdminToken token = new AdminToken(settings(value));
            assertThat(token.configured()).isFalse();
            assertThat(token.accepts("")).isFalse();
            assertThat(token.accepts("  ")).isFalse();
        }
    }

    private static TenantSettings settings(Optional<String> adminToken) {
        return new TenantSettings() {
            @Override
            public Optional<String> adminToken() {
                return adminToken;
            }
        };
    }
}
