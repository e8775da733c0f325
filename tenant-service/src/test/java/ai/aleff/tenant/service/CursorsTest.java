package ai.aleff.tenant.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aleff.platform.rest.ProblemException;

class CursorsTest {

    @Test
    void aCursorDecodesToThePositionItWasMadeFrom() {
        // Given a cursor of two parts
        String cursor = Cursors.encode("tenants", "2026-12-01T12:00:00Z", "id-1");

        // Then it is URL-safe and gives the parts back
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(Cursors.decode("tenants", cursor, 2)).containsExactly("2026-12-01T12:00:00Z", "id-1");
    }

    @Test
    void aCursorOfAnotherListOrShapeIsRefused() {
        String tenants = Cursors.encode("tenants", "a", "b");
        for (String cursor : List.of(tenants, Cursors.encode("admin-audit", "1", "2"), "not base64!", "",
                "x".repeat(513), encoded("admin-audit.v2|1"), encoded("admin-audit.v1"), "Zm9v\n")) {
            assertThatThrownBy(() -> Cursors.decode("admin-audit", cursor, 1)).isInstanceOf(ProblemException.class)
                    .hasMessageStartingWith("cursor is not one this API returned");
        }
    }

    private static String encoded(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
