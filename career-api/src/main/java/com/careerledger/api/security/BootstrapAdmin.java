package com.careerledger.api.security;

import com.careerledger.api.security.storage.AccountStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.UUID;

/**
 * In the default (Basic) mode there is always an {@code admin} account. Its password is
 * {@code CAREER_ADMIN_PASSWORD} when set (and is reset to it at start-up if it differs); otherwise, on the
 * first start only, a random one is generated and printed once to the console — never to the log.
 */
@Component
public class BootstrapAdmin implements ApplicationRunner {

    public static final String USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final AccountStore accounts;
    private final PasswordEncoder encoder;
    private final SecuritySettings settings;
    private final AccountAuthenticationProvider provider;

    public BootstrapAdmin(AccountStore accounts, PasswordEncoder encoder, SecuritySettings settings,
                          AccountAuthenticationProvider provider) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.settings = settings;
        this.provider = provider;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.jwtMode()) {
            return;
        }
        String configured = settings.adminPassword();
        if (configured != null && configured.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > AccountAuthenticationProvider.MAX_PASSWORD_BYTES) {
            throw new IllegalStateException("CAREER_ADMIN_PASSWORD is longer than "
                    + AccountAuthenticationProvider.MAX_PASSWORD_BYTES + " bytes in UTF-8, more than the password hash "
                    + "reads: choose a shorter one");
        }
        var existing = accounts.byUsername(USERNAME);
        if (existing.isPresent()) {
            if (configured != null && !configured.isBlank() && !encoder.matches(configured, existing.get().passwordHash())) {
                accounts.updatePassword(existing.get().id(), encoder.encode(configured));
                provider.forget(USERNAME);
                log.info("The password of the bootstrap account '{}' was reset to CAREER_ADMIN_PASSWORD", USERNAME);
            }
            return;
        }
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? generate() : configured;
        accounts.create(new AccountStore.Account(UUID.randomUUID(), USERNAME, encoder.encode(password),
                EnumSet.of(Role.ADMIN), null, true));
        if (generated) {
            // printed once, to the console only: the log (and whatever collects it) never sees a password
            System.out.println();
            System.out.println("  Career Ledger: bootstrap account '" + USERNAME + "' created with the generated password");
            System.out.println("      " + password);
            System.out.println("  It is shown this once. Set CAREER_ADMIN_PASSWORD to choose it instead.");
            System.out.println();
            log.info("Bootstrap account '{}' created with a generated password (printed once on the console)", USERNAME);
        } else {
            log.info("Bootstrap account '{}' created with the password from CAREER_ADMIN_PASSWORD", USERNAME);
        }
    }

    private static String generate() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
