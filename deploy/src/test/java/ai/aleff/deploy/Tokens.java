package ai.aleff.deploy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The claims of a JWT as text, for assertions (deploy's tests cannot use testkit, which depends on deploy). */
final class Tokens {

    private Tokens() {
    }

    static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
