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

/**
 * A human-readable name (of a tenant, an API key, a template): 1 to {@link #max()} characters once trimmed, without
 * control characters. Null is left to {@code @NotNull} where the name is required, so the caller gets one clear
 * message.
 */
@Documented
@Constraint(validatedBy = DisplayName.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface DisplayName {

    /** The longest tenant name. */
    int TENANT_MAX = 200;
    /** The longest API key name. */
    int API_KEY_MAX = 100;

    /** Most characters after trimming. */
    int max();

    String message() default "must be 1 to {max} characters after trimming, without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DisplayName, String> {

        private int max;

        public Validator() {
        }

        Validator(int max) {
            this.max = max;
        }

        @Override
        public void initialize(DisplayName constraint) {
            this.max = constraint.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String trimmed = value.strip();
            return !trimmed.isEmpty() && trimmed.length() <= max
                    && value.codePoints().noneMatch(Character::isISOControl);
        }
    }
}
