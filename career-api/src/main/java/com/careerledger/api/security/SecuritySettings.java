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
 * @param accountCache    how long an account row read for a request is used again (0: read it every time); a change
 *                        through this instance evicts it at once
 * @param signIn          the throttle on failed Basic sign-ins
 */
@ConfigurationProperties("career.security")
public record SecuritySettings(String mode, String adminPassword, Boolean publicApiDocs, Duration credentialCache,
                               Duration accountCache, Jwt jwt, RateLimit rateLimit, SignIn signIn) {

    public SecuritySettings {
        mode = mode == null || mode.isBlank() ? "basic" : mode.strip().toLowerCase(java.util.Locale.ROOT);
        publicApiDocs = publicApiDocs == null || publicApiDocs;
        credentialCache = credentialCache == null ? Duration.ofMinutes(5) : credentialCache;
        accountCache = accountCache == null ? Duration.ofSeconds(1) : accountCache;
        if (accountCache.isNegative()) {
            throw new IllegalArgumentException("career.security.account-cache must not be negative");
        }
        jwt = jwt == null ? new Jwt(null, null, null, null, null, null) : jwt;
        rateLimit = rateLimit == null ? new RateLimit(null, null, null) : rateLimit;
        signIn = signIn == null ? new SignIn(null, null, null, null, null) : signIn;
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
     * Per account, for writes: a bucket of {@code burst} requests refilled at {@code writesPerSecond}, and at most
     * {@code writesPerMinute} in any minute. Both must allow a write.
     */
    public record RateLimit(Double writesPerSecond, Integer burst, Integer writesPerMinute) {
        public RateLimit {
            writesPerSecond = writesPerSecond == null ? 20.0 : writesPerSecond;
            burst = burst == null ? 40 : burst;
            writesPerMinute = writesPerMinute == null ? 600 : writesPerMinute;
            if (writesPerSecond <= 0 || burst < 1 || writesPerMinute < 1) {
                throw new IllegalArgumentException("career.security.rate-limit: writes-per-second must be above 0, "
                        + "burst and writes-per-minute at least 1");
            }
        }
    }

    /**
     * The throttle on failed sign-ins (Basic mode). Each limit is a number of failed tries within {@code window}:
     * past it, tries are refused with 429 before any password is checked, and one more try is allowed every
     * {@code window / limit}; a whole window without failures forgets them all.
     *
     * @param window                      how long failures are remembered
     * @param failuresPerAccountAndAddress tries on one account from one client address
     * @param failuresPerAddress          tries from one client address on any accounts
     * @param failuresPerAccount          tries on one account from all addresses but those it signed in from
     *                                    successfully within {@code trustedFor}
     * @param trustedFor                  how long a successful sign-in exempts its address from the account's limit
     */
    public record SignIn(Duration window, Integer failuresPerAccountAndAddress, Integer failuresPerAddress,
                         Integer failuresPerAccount, Duration trustedFor) {
        public SignIn {
            window = window == null ? Duration.ofMinutes(15) : window;
            failuresPerAccountAndAddress = failuresPerAccountAndAddress == null ? 5 : failuresPerAccountAndAddress;
            failuresPerAddress = failuresPerAddress == null ? 20 : failuresPerAddress;
            failuresPerAccount = failuresPerAccount == null ? 100 : failuresPerAccount;
            trustedFor = trustedFor == null ? Duration.ofDays(30) : trustedFor;
            if (window.isNegative() || window.isZero() || failuresPerAccountAndAddress < 1 || failuresPerAddress < 1
                    || failuresPerAccount < 1) {
                throw new IllegalArgumentException("career.security.sign-in: the window must be positive and each "
                        + "limit at least 1");
            }
        }
    }
}
