package ai.aleff.ingress.identity;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.contracts.events.EndUserIdentity;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretKeyMissingException;
import ai.aleff.platform.secrets.SecretPlace;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.platform.tenancy.TenantView;

/**
 * A tenant's plain identity secret, decrypted from its configuration. The one place ingress calls the cipher, so a
 * change of the cipher's associated data is a one-line change here.
 */
@ApplicationScoped
public class IdentitySecrets {

    private static final Logger LOG = Logger.getLogger(IdentitySecrets.class);

    private final TenantDirectory directory;
    private final SecretCipher cipher;

    public IdentitySecrets(TenantDirectory directory, SecretCipher cipher) {
        this.directory = directory;
        this.cipher = cipher;
    }

    /** The tenant's identity secret; empty when it has none. */
    public Optional<String> of(String tenantId) {
        return directory.find(tenantId)
                .map(TenantView::endUsers)
                .map(EndUserIdentity::identitySecret)
                .map(secret -> decrypt(tenantId, secret));
    }

    private String decrypt(String tenantId, EncryptedSecret secret) {
        try {
            return cipher.decrypt(SecretPlace.named(tenantId, SecretPlace.IDENTITY_SECRET), secret);
        } catch (SecretKeyMissingException | IllegalArgumentException e) {
            // The operator's configuration, not the caller's request: never a 500, never a silent "unverified".
            LOG.errorf("Identity secret of tenant %s cannot be decrypted: %s", tenantId, e.getMessage());
            throw new ProblemException(Response.Status.SERVICE_UNAVAILABLE,
                    "The userHash cannot be checked right now; nothing was accepted. Try again later.");
        }
    }
}
