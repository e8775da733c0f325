package ai.aleff.ingress.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.ingress.identity.UserHashes;

/**
 * A user's message sent over the HTTP API channel.
 *
 * @param conversationId the caller's conversation id, unique within the tenant
 * @param userId the end user within the tenant
 * @param text the message
 * @param clientMessageId optional idempotency key: the same key is accepted once
 * @param userHash optional proof of {@code userId}: hex HMAC-SHA256 of the user id with the tenant's identity secret
 */
public record SendMessageRequest(
        @Schema(required = true, pattern = Identifiers.ID_PATTERN, examples = "support-4711") @NotNull @Pattern(regexp = Identifiers.ID_PATTERN, message = Identifiers.ID_MESSAGE) String conversationId,
        @Schema(required = true, pattern = Identifiers.ID_PATTERN, examples = "user-42") @NotNull @Pattern(regexp = Identifiers.ID_PATTERN, message = Identifiers.ID_MESSAGE) String userId,
        @Schema(required = true, minLength = 1, maxLength = MessageReceived.MAX_TEXT_LENGTH, description = "Non-blank, at most 16000 characters.") @NotBlank @Size(max = MessageReceived.MAX_TEXT_LENGTH, message = "must be at most "
                + MessageReceived.MAX_TEXT_LENGTH
                + " characters") @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL characters") String text,
        @Schema(pattern = Identifiers.CLIENT_MESSAGE_ID_PATTERN, description = "Idempotency key; a retry with the same key returns the same messageId.") @Pattern(regexp = Identifiers.CLIENT_MESSAGE_ID_PATTERN, message = Identifiers.CLIENT_MESSAGE_ID_MESSAGE) String clientMessageId,
        @Schema(pattern = UserHashes.PATTERN, examples = "5d41402abc4b2a76b9719d911017c592ae1b2e2d9c0e1a6f1e1b0c7d8e9f0a1b", description = "Proof that the integrator vouches for userId: lowercase hex HMAC-SHA256 of userId "
                + "with the tenant's identity secret. Without it the user is unverified (memory tools do not act for "
                + "them unless the tenant allows it in one-to-one conversations).") @Pattern(regexp = UserHashes.PATTERN, message = "must be 64 hex characters (HMAC-SHA256 of userId)") String userHash) {
}
