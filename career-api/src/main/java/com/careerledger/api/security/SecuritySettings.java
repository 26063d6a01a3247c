package com.careerledger.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code career.security.*}: the authentication mode and its settings, and the write rate limit.
 *
 * @param mode            {@code basic} (accounts in PostgreSQL; the default) or {@code jwt} (OAuth2 resource server)
 * @param adminPassword   the bootstrap admin's password ({@code CAREER_ADMIN_PASSWORD}); generated if unset
 * @param publicApiDocs   whether /v3/api-docs and Swagger UI are open without authentication
 * @param credentialCache how long a verified Basic password is remembered (as an HMAC, in memory only)
 */
@ConfigurationProperties("career.security")
public record SecuritySettings(String mode, String adminPassword, Boolean publicApiDocs, Duration credentialCache,
                               Jwt jwt, RateLimit rateLimit) {

    public SecuritySettings {
        mode = mode == null || mode.isBlank() ? "basic" : mode.strip().toLowerCase(java.util.Locale.ROOT);
        publicApiDocs = publicApiDocs == null || publicApiDocs;
        credentialCache = credentialCache == null ? Duration.ofMinutes(5) : credentialCache;
        jwt = jwt == null ? new Jwt(null, null, null, null, null, null) : jwt;
        rateLimit = rateLimit == null ? new RateLimit(null, null) : rateLimit;
    }

    public boolean jwtMode() {
        return "jwt".equals(mode);
    }

    /**
     * @param issuer        required {@code iss}
     * @param audience      required in {@code aud}
     * @param jwkSetUri     where the issuer publishes its keys; or
     * @param publicKey     a PEM public key location (e.g. {@code file:/etc/career/issuer.pem})
     * @param rolesClaim    claim holding the roles (a list or a space-separated string); default {@code roles}
     * @param personIdClaim claim holding the person id; default {@code person_id}
     */
    public record Jwt(String issuer, String audience, String jwkSetUri, String publicKey, String rolesClaim,
                      String personIdClaim) {
        public Jwt {
            // unset environment placeholders arrive as empty strings
            issuer = blankToNull(issuer);
            audience = blankToNull(audience);
            jwkSetUri = blankToNull(jwkSetUri);
            publicKey = blankToNull(publicKey);
            rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
            personIdClaim = personIdClaim == null ? "person_id" : personIdClaim;
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    /**
     * Per account, for writes: a bucket of {@code burst} requests refilled at {@code writesPerSecond}.
     */
    public record RateLimit(Double writesPerSecond, Integer burst) {
        public RateLimit {
            writesPerSecond = writesPerSecond == null ? 50.0 : writesPerSecond;
            burst = burst == null ? 100 : burst;
        }
    }
}
