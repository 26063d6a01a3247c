package com.careerledger.domain.framework;

/**
 * How much sustained evidence a promotion needs.
 *
 * @param requiredQuarters consecutive assessed quarters at the target level (or above) before a promotion;
 *                         the seeds say 2-3. Tenure is deliberately not a parameter.
 */
public record PromotionPolicy(int requiredQuarters) {
}
