package ai.aleff.tenant.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** An API key's name: 1 to {@value #MAX_LENGTH} characters once trimmed, without control characters. */
@Documented
@Constraint(validatedBy = ApiKeyName.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiKeyName {

    int MAX_LENGTH = 100;

    String message() default "must be 1 to " + MAX_LENGTH + " characters after trimming, without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Null is left to {@code @NotNull} where the name is required. */
    class Validator implements ConstraintValidator<ApiKeyName, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String trimmed = value.strip();
            return !trimmed.isEmpty() && trimmed.length() <= MAX_LENGTH
                    && value.codePoints().noneMatch(Character::isISOControl);
        }
    }
}
