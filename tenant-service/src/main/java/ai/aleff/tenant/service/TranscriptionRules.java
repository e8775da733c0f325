package ai.aleff.tenant.service;

import java.util.ArrayList;
import java.util.List;

import ai.aleff.platform.egress.EgressGuard;
import ai.aleff.platform.egress.EgressRefusedException;
import ai.aleff.platform.rest.Problem.FieldError;

/**
 * The rules for the {@code transcription} entry: the same base URL rules and egress check as a model's baseUrl (the
 * address is checked again by channel-ingress at every call), the model name pattern of the chain, a printable key.
 */
final class TranscriptionRules {

    private final EgressGuard egress;

    TranscriptionRules(EgressGuard egress) {
        this.egress = egress;
    }

    List<FieldError> validate(TranscriptionInput input) {
        List<FieldError> errors = new ArrayList<>();
        if (input == null) {
            return errors;
        }
        if (input.baseUrl() == null || input.baseUrl().isBlank()) {
            errors.add(new FieldError("transcription.baseUrl",
                    "is required: the OpenAI-compatible endpoint, e.g. https://api.openai.com/v1"));
        } else {
            String problem = AssistantValidator.baseUrlProblem(input.baseUrl());
            if (problem == null) {
                problem = egressProblem(input.baseUrl());
            }
            if (problem != null) {
                errors.add(new FieldError("transcription.baseUrl", problem));
            }
        }
        if (input.model() == null || !AssistantValidator.MODEL.matcher(input.model()).matches()) {
            errors.add(new FieldError("transcription.model",
                    "must be 1 to 200 characters: letters, digits and . _ : / @ + - (not starting with a symbol)"));
        }
        if (input.apiKey() != null && input.keepsStoredKey()) {
            errors.add(new FieldError("transcription.apiKey", "send either apiKey or keepApiKey: true, not both"));
        } else if (input.apiKey() != null && !AssistantValidator.API_KEY.matcher(input.apiKey()).matches()) {
            errors.add(new FieldError("transcription.apiKey",
                    "must be 1 to " + AssistantValidator.MAX_API_KEY + " printable ASCII characters without spaces"));
        }
        return errors;
    }

    private String egressProblem(String baseUrl) {
        try {
            egress.checkUrl(baseUrl);
            return null;
        } catch (EgressRefusedException e) {
            return e.getMessage().replaceFirst("^URL refused: ", "is refused: ");
        }
    }
}
