package com.careerledger.api.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A day something happened: from 1900-01-01 up to today, where "today" is the latest calendar day anywhere
 * (UTC+14), so a client's local date is never refused as being in the future. Null is left to {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = PastDate.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PastDate {

    String message() default "must be a date from 1900-01-01 up to today";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    class Validator implements ConstraintValidator<PastDate, LocalDate> {

        private final Clock clock = Clock.system(ZoneOffset.ofHours(14));

        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || (!value.isBefore(EARLIEST) && !value.isAfter(LocalDate.now(clock)));
        }
    }
}
