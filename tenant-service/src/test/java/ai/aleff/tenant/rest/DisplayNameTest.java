package ai.aleff.tenant.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayNameTest {

    private final DisplayName.Validator validator = new DisplayName.Validator(DisplayName.TENANT_MAX);

    @Test
    void acceptsNamesOf1To200CharactersAfterTrimming() {
        assertThat(validator.isValid("A", null)).isTrue();
        assertThat(validator.isValid("  Acme Corp  ", null)).isTrue();
        assertThat(validator.isValid("x".repeat(200), null)).isTrue();
        assertThat(validator.isValid("   " + "x".repeat(200) + "   ", null)).isTrue();
        assertThat(validator.isValid("Société Générale ☕", null)).isTrue();
    }

    @Test
    void refusesBlankOrTooLongNames() {
        assertThat(validator.isValid("", null)).isFalse();
        assertThat(validator.isValid("   ", null)).isFalse();
        assertThat(validator.isValid("\u2003", null)).isFalse();
        assertThat(validator.isValid("x".repeat(201), null)).isFalse();
    }

    @Test
    void refusesControlCharactersAnywhere() {
        assertThat(validator.isValid("a\u0000b", null)).isFalse();
        assertThat(validator.isValid("a\nb", null)).isFalse();
        assertThat(validator.isValid("\tAcme", null)).isFalse();
        assertThat(validator.isValid("Acme\u007f", null)).isFalse();
        assertThat(validator.isValid("Acme\u0085", null)).isFalse();
    }

    @Test
    void theMaximumIsTheConstraintsOwn() {
        DisplayName.Validator apiKeyNames = new DisplayName.Validator(DisplayName.API_KEY_MAX);
        assertThat(apiKeyNames.isValid("x".repeat(100), null)).isTrue();
        assertThat(apiKeyNames.isValid("x".repeat(101), null)).isFalse();
    }

    @Test
    void leavesNullToNotNull() {
        assertThat(validator.isValid(null, null)).isTrue();
    }
}
