package ai.aleff.ingress.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.MessageReceived;

/**
 * A user's message sent over the HTTP API channel.
 *
 * @param conversationId the caller's conversation id, unique within the tenant
 * @param userId the end user within the tenant
 * @param text the message
 * @param clientMessageId optional idempotency key: the same key is accepted once
 */
public record SendMessageRequest(
        @Schema(required = true, pattern = Identifiers.ID_PATTERN, examples = "support-4711") @NotNull @Pattern(regexp = Identifiers.ID_PATTERN, message = Identifiers.ID_MESSAGE) String conversationId,
        @Schema(required = true, pattern = Identifiers.ID_PATTERN, examples = "user-42") @NotNull @Pattern(regexp = Identifiers.ID_PATTERN, message = Identifiers.ID_MESSAGE) String userId,
        @Schema(required = true, minLength = 1, maxLength = MessageReceived.MAX_TEXT_LENGTH, description = "Non-blank, at most 16000 characters.") @NotBlank @Size(max = MessageReceived.MAX_TEXT_LENGTH, message = "must be at most "
                + MessageReceived.MAX_TEXT_LENGTH
                + " characters") @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL characters") String text,
        @Schema(pattern = Identifiers.CLIENT_MESSAGE_ID_PATTERN, description = "Idempotency key; a retry with the same key returns the same messageId.") @Pattern(regexp = Identifiers.CLIENT_MESSAGE_ID_PATTERN, message = Identifiers.CLIENT_MESSAGE_ID_MESSAGE) String clientMessageId) {
}
