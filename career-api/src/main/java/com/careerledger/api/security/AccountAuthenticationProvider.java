package com.careerledger.api.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks HTTP Basic credentials against the account table. A password hash is deliberately slow, so a
 * password verified once is remembered for a few minutes as an HMAC under a key that lives only in this
 * process's memory: a client sending the same credentials again pays a microsecond, not a full hash. The
 * cache never holds a password, is keyed by the stored hash too (a changed password invalidates it), and
 * unknown users pay the full hash as well, so timing does not tell whether an account exists.
 */
@Component
public class AccountAuthenticationProvider implements AuthenticationProvider {

    private record Verified(byte[] mac, String passwordHash, Instant until) {
    }

    private static final String DUMMY_HASH =
            "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoO.5z4qAq5lQqtK0W4q7C4sCj9cXl5f3y";

    private final AccountStore accounts;
    private final PasswordEncoder encoder;
    private final SecuritySettings settings;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final byte[] key = new byte[32];
    private final Clock clock = Clock.systemUTC();

    public AccountAuthenticationProvider(AccountStore accounts, PasswordEncoder encoder, SecuritySettings settings) {
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
        if (account.isEmpty()) {
            encoder.matches(password, DUMMY_HASH);
            throw new BadCredentialsException("bad credentials");
        }
        AccountStore.Account a = account.get();
        byte[] mac = mac(username, password);
        Verified remembered = verified.get(username);
        boolean known = remembered != null && remembered.until().isAfter(clock.instant())
                && remembered.passwordHash().equals(a.passwordHash()) && MessageDigest.isEqual(remembered.mac(), mac);
        if (!known) {
            if (!encoder.matches(password, a.passwordHash())) {
                verified.remove(username);
                throw new BadCredentialsException("bad credentials");
            }
            verified.put(username, new Verified(mac, a.passwordHash(), clock.instant().plus(settings.credentialCache())));
        }
        CareerPrincipal principal = a.principal();
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
        token.setDetails(authentication.getDetails());
        return token;
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
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            hmac.update(username.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
