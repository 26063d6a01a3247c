package com.careerledger.api.security;

import com.careerledger.api.security.storage.AccountStore;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A client repeating the same credentials does not pay a password hash per request; nothing else gets through. */
class AccountAuthenticationProviderTest {

    final PasswordEncoder real = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    final AtomicInteger hashChecks = new AtomicInteger();
    final PasswordEncoder counting = new PasswordEncoder() {
        public String encode(CharSequence raw) {
            return real.encode(raw);
        }

        public boolean matches(CharSequence raw, String encoded) {
            hashChecks.incrementAndGet();
            return real.matches(raw, encoded);
        }
    };
    AccountStore.Account account = new AccountStore.Account(UUID.randomUUID(), "ada", real.encode("ada-password-123"),
            EnumSet.of(Role.EMPLOYEE), null, true);
    final AccountStore store = new AccountStore(null) {
        @Override
        public Optional<Account> byUsername(String username) {
            return "ada".equals(username) ? Optional.of(account) : Optional.empty();
        }
    };
    final SecuritySettings settings = new SecuritySettings(null, null, null, Duration.ofMinutes(5), null, null, null, null);
    final AccountAuthenticationProvider provider = new AccountAuthenticationProvider(store, counting, settings,
            new SignInThrottle(settings.signIn(), io.github.bucket4j.TimeMeter.SYSTEM_NANOTIME));

    Authentication login(String user, String password) {
        return provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user, password));
    }

    @Test
    void the_same_credentials_again_are_checked_without_a_second_hash() {
        for (int i = 0; i < 100; i++) {
            assertThat(((CareerPrincipal) login("ada", "ada-password-123").getPrincipal()).actorId())
                    .isEqualTo(account.id().toString());
        }
        assertThat(hashChecks).hasValue(1);
    }

    @Test
    void a_wrong_password_is_refused_even_after_a_right_one() {
        login("ada", "ada-password-123");
        assertThatThrownBy(() -> login("ada", "ada-password-124")).isInstanceOf(BadCredentialsException.class);
        assertThat(hashChecks).hasValue(2);
    }

    @Test
    void a_changed_password_is_checked_again() {
        login("ada", "ada-password-123");
        account = new AccountStore.Account(account.id(), "ada", real.encode("new-password-456"), account.roles(), null, true);
        assertThatThrownBy(() -> login("ada", "ada-password-123")).isInstanceOf(BadCredentialsException.class);
        assertThat(login("ada", "new-password-456").isAuthenticated()).isTrue();
    }

    @Test
    void an_unknown_user_pays_a_hash_too_so_timing_tells_nothing() {
        assertThatThrownBy(() -> login("nobody", "whatever-password")).isInstanceOf(BadCredentialsException.class);
        assertThat(hashChecks).hasValue(1);
    }
}
