package dev.deletionpipeline.settings;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Duration;

/**
 * A setting that is an interval, a timeout or a retention: present and longer than zero. One constraint for the many
 * such settings of the services, so that each reads {@code @PositiveDuration Duration interval}.
 */
@Documented
@Target({METHOD, FIELD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = PositiveDuration.Check.class)
public @interface PositiveDuration {

    String message() default "must be a duration longer than 0";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check; a missing value fails it too. */
    class Check implements ConstraintValidator<PositiveDuration, Duration> {

        @Override
        public boolean isValid(Duration value, ConstraintValidatorContext context) {
            return value != null && !value.isNegative() && !value.isZero();
        }
    }
}
