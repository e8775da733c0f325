package ai.aleff.platform.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Tenant API keys: 256 random bits, shown once, stored and shared only as SHA-256. A fast hash is enough because the
 * keys are random, not chosen by people (the same reasoning as GitHub's and Stripe's tokens).
 */
public final class ApiKeys {

    /** Every key starts with this, so leaked keys are easy to recognise and scan for. */
    public static final String PREFIX = "ak_";
    private static final int MAX_LENGTH = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a presented value could be a key at all; anything else is rejected without a lookup. */
    public static boolean looksValid(String key) {
        return key != null && key.startsWith(PREFIX) && key.length() <= MAX_LENGTH
                && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** Characters of a key shown in lists and logs: the prefix and 8 random characters, never enough to use it. */
    public static final int DISPLAY_PREFIX_LENGTH = PREFIX.length() + 8;

    /** The start of a key that identifies it to people (key lists, audit) without revealing it. */
    public static String displayPrefix(String key) {
        if (key == null) {
            return "";
        }
        return key.length() <= DISPLAY_PREFIX_LENGTH ? PREFIX : key.substring(0, DISPLAY_PREFIX_LENGTH);
    }

    public static String hash(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
