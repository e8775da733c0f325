package ai.aleff.platform.secrets;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The platform's secret keys, which encrypt tenant secrets (model provider API keys) at rest and on topics. In
 * production they come from a Kubernetes Secret; {@code ./aleff run} generates one per data directory.
 */
@ConfigMapping(prefix = "aleff.secrets")
public interface SecretSettings {

    /**
     * Keys by id, each the base64 of 32 random bytes ({@code openssl rand -base64 32}). Keep retired keys here so
     * secrets they encrypted stay readable.
     */
    Map<String, String> keys();

    /** Id of the key new secrets are encrypted with; required as soon as any secret is stored. */
    Optional<String> activeKey();

    /**
     * Whether secrets stored before they were bound to their place (tenant id alone as associated data) still
     * decrypt. Set false once the re-encryption pass reported none left (docs/security.md, "Secret keys and
     * rotation").
     */
    @WithDefault("true")
    boolean legacyReadable();
}
