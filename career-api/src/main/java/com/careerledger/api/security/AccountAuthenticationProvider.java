package com.careerledger.api.security;

import com.careerledger.api.security.storage.AccountStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks HTTP Basic credentials against the account table. A password hash is deliberately slow, so a
 * password verified once is remembered for a few minutes as an HMAC under a key that lives only in this
 * process's memory: a client sending the same credentials again pays a microsecond, not a full hash. The
 * cache never holds a password, is keyed by the stored hash too (a changed password invalidates it), and
 * unknown users pay the full hash as well, so timing does not tell whether an account exists.
 * <p>
 * Every try that would hash a password first passes the {@link SignInThrottle}; a refused try is a
 * {@link SignInThrottledException} (429). Each failure is logged with the username tried and the client
 * address, never the password.
 */
@Component
public class AccountAuthenticationProvider implements AuthenticationProvider {

    private record Verified(byte[] mac, String passwordHash, Instant until) {
    }

    /** bcrypt reads at most this many bytes of a password (and refuses to hash a longer one). */
    public static final int MAX_PASSWORD_BYTES = 72;

    private static final String DUMMY_HASH =
            "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoO.5z4qAq5lQqtK0W4q7C4sCj9cXl5f3y";

    private static final Logger failures = LoggerFactory.getLogger("com.careerledger.api.security.SignIn");

    private final AccountStore accounts;
    private final PasswordEncoder encoder;
    private final SecuritySettings settings;
    private final SignInThrottle throttle;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    /** Checks of a password under way, by account and password (as a MAC): see {@link #checkedOnce}. */
    private final Map<String, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();
    private final byte[] key = new byte[32];
    /** One initialised MAC per request thread: looking the algorithm up and keying it cost more than the MAC. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private final Clock clock = Clock.systemUTC();

    public AccountAuthenticationProvider(AccountStore accounts, PasswordEncoder encoder, SecuritySettings settings,
                                         SignInThrottle throttle) {
        this.throttle = throttle;
        this.accounts = accounts;
        this.encoder = encoder;
        this.settings = settings;
        new SecureRandom().nextBytes(key);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        Optional<AccountStore.Account> account = accounts.byUsername(username).filter(AccountStore.Account::enabled);
        byte[] mac = mac(username, password);
        Verified remembered = verified.get(username);
        boolean known = account.isPresent() && remembered != null && remembered.until().isAfter(clock.instant())
                && remembered.passwordHash().equals(account.get().passwordHash())
                && MessageDigest.isEqual(remembered.mac(), mac);
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web
                && web.getRemoteAddress() != null ? web.getRemoteAddress() : "unknown";
        if (known) {
            // nothing to hash, but a throttled client is refused all the same: else right and wrong guesses differ
            throttle.refusal(username, address).ifPresent(r -> refuse(username, address, r));
        } else if (!checkedOnce(username, address, mac, () -> check(username, password, mac, account, address))
                || account.isEmpty()) {
            throw new BadCredentialsException("bad credentials");
        }
        CareerPrincipal principal = account.get().principal();
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
        token.setDetails(authentication.getDetails());
        return token;
    }

    /**
     * A password hashed as often as the throttle allows: a try of it, refused when the limits are spent.
     *
     * @return whether it is the account's password
     */
    private boolean check(String username, String password, byte[] mac, Optional<AccountStore.Account> account,
                          String address) {
        SignInThrottle.Result tried = throttle.attempt(username, address);
        tried.refused().ifPresent(r -> refuse(username, address, r));
        boolean matches = encoder.matches(password, account.map(AccountStore.Account::passwordHash).orElse(DUMMY_HASH));
        if (account.isEmpty() || !matches) {
            verified.remove(username);
            failures.warn("Sign-in failed for account '{}' from {}", loggable(username), address);
            return false;
        }
        tried.attempt().succeeded();
        verified.put(username, new Verified(mac, account.get().passwordHash(),
                clock.instant().plus(settings.credentialCache())));
        return true;
    }

    /**
     * The same account and password tried from one address by several requests at once (a client opening its connections, a page
     * loading its parts) is checked once: the first request hashes it and takes one try from the throttle, the
     * others wait for its answer. Without this, requests that are all right could spend the throttle's tries
     * between them before the first success gives them back, and be refused as if guessing. Different passwords
     * are different tries, each taken from the throttle.
     */
    private boolean checkedOnce(String username, String address, byte[] mac, java.util.function.BooleanSupplier check) {
        String key = username + '\u0000' + address + '\u0000' + java.util.HexFormat.of().formatHex(mac);
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            boolean matches = check.getAsBoolean();
            mine.complete(matches);
            return matches;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static void refuse(String username, String address, SignInThrottle.Refusal refusal) {
        failures.debug("Sign-in refused for account '{}' from {}: too many failed tries, retry after {} s",
                loggable(username), address, refusal.retryAfterSeconds());
        throw new SignInThrottledException(refusal.retryAfterSeconds());
    }

    /** A username as typed, fit for a log line: no control characters (no forged lines), at most 64 characters. */
    private static String loggable(String username) {
        String cleaned = username.codePoints().limit(64)
                .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return username.codePointCount(0, username.length()) > 64 ? cleaned + "…" : cleaned;
    }

    /** Forgets what was verified for an account (a password changed, an account disabled). */
    public void forget(String username) {
        verified.remove(username);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private byte[] mac(String username, String password) {
        Mac hmac = macs.get();
        hmac.update(username.getBytes(StandardCharsets.UTF_8));
        hmac.update((byte) 0);
        return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8)); // and ready for the next one
    }

    private Mac newMac() {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
