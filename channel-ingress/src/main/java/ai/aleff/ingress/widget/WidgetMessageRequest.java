package ai.aleff.ingress.widget;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.ingress.api.Identifiers;

/**
 * A visitor's message.
 *
 * @param clientMessageId required idempotency key (the widget makes one per message and re-sends it on retry)
 */
public record WidgetMessageRequest(
        @Schema(required = true, pattern = Identifiers.CLIENT_MESSAGE_ID_PATTERN) @NotNull @Pattern(regexp = Identifiers.CLIENT_MESSAGE_ID_PATTERN, message = Identifiers.CLIENT_MESSAGE_ID_MESSAGE) String clientMessageId,
        @Schema(required = true, minLength = 1, maxLength = MessageReceived.MAX_TEXT_LENGTH) @NotBlank @Size(max = MessageReceived.MAX_TEXT_LENGTH, message = "must be at most "
                + MessageReceived.MAX_TEXT_LENGTH
                + " characters") @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL characters") String text) {
}
