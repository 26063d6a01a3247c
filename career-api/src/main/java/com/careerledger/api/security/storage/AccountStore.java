package com.careerledger.api.security.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import com.careerledger.api.security.CareerPrincipal;
import com.careerledger.api.security.Role;
import com.careerledger.api.security.SecuritySettings;

/**
 * Accounts in PostgreSQL (never in events). Only password hashes are stored.
 * <p>
 * Every authenticated request looks its account up by username ({@link #byUsername}), so that a changed password or
 * a disabled account is refused: the row is kept for {@code career.security.account-cache} (1 s) to spare each
 * request that round trip. A change made through this store (a password reset, an account created) evicts it at
 * once; one made in the table by other means, or by another instance, is seen within that bound
 * (docs/security.md).
 */
@Component
public class AccountStore {

    public record Account(UUID id, String username, String passwordHash, Set<Role> roles, UUID personId,
                          boolean enabled) {
        public CareerPrincipal principal() {
            return new CareerPrincipal(id.toString(), username, roles, personId);
        }
    }

    private static final RowMapper<Account> ROW = (rs, i) -> new Account(
            rs.getObject("account_id", UUID.class), rs.getString("username"), rs.getString("password_hash"),
            parseRoles(rs.getString("roles")), rs.getObject("person_id", UUID.class), rs.getBoolean("enabled"));

    private final JdbcTemplate jdbc;
    /** Rows found by username, for a bounded time; unknown usernames are not kept (nothing for a guesser to fill). */
    private final Cache<String, Account> recent;
    /** Changes made through this store: a row read while one happened is not kept. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    /** Without a cache: every lookup reads the table. */
    public AccountStore(JdbcTemplate jdbc) {
        this(jdbc, Duration.ZERO);
    }

    @Autowired
    public AccountStore(JdbcTemplate jdbc, SecuritySettings settings) {
        this(jdbc, settings.accountCache());
    }

    private AccountStore(JdbcTemplate jdbc, Duration keptFor) {
        this.jdbc = jdbc;
        this.recent = keptFor.isZero() ? null
                : Caffeine.newBuilder().expireAfterWrite(keptFor).maximumSize(10_000).build();
    }

    /** The account, as of at most {@code career.security.account-cache} ago (see the class). */
    public Optional<Account> byUsername(String username) {
        if (recent == null) {
            return read(username);
        }
        Account kept = recent.getIfPresent(username);
        if (kept != null) {
            return Optional.of(kept);
        }
        // read outside the cache's lock: with the database away, a computing get made every request for the same
        // account wait for the one before it (1.5 s each, one after the other: the fault suite's pg-restart)
        long before = changes.get();
        Optional<Account> found = read(username);
        if (changes.get() == before) {
            // not kept if an account changed meanwhile: what was read may be from before the change
            found.ifPresent(account -> recent.put(username, account));
        }
        return found;
    }

    private Optional<Account> read(String username) {
        return jdbc.query("SELECT * FROM account WHERE username = ?", ROW, username).stream().findFirst();
    }

    /** Forgets what was read of an account, so that the next lookup reads the table. */
    private void evict(String username) {
        changes.incrementAndGet();
        if (recent != null) {
            recent.invalidate(username);
        }
    }

    public Optional<Account> byId(UUID id) {
        return jdbc.query("SELECT * FROM account WHERE account_id = ?", ROW, id).stream().findFirst();
    }

    public List<Account> page(int page, int size) {
        return jdbc.query("SELECT * FROM account ORDER BY username LIMIT ? OFFSET ?", ROW, size, (long) page * size);
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM account", Long.class);
        return n == null ? 0 : n;
    }

    /** What creating an account came to. */
    public enum Created { CREATED, USERNAME_TAKEN, PERSON_HAS_ACCOUNT }

    /**
     * Creates the account unless its username is taken or its person already has one (both unique in the table,
     * so two concurrent creations cannot both succeed).
     */
    public Created create(Account account) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int inserted = jdbc.update("""
                INSERT INTO account (account_id, username, password_hash, roles, person_id, enabled, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                account.id(), account.username(), account.passwordHash(), formatRoles(account.roles()),
                account.personId(), account.enabled(), now, now);
        if (inserted == 1) {
            evict(account.username());
            return Created.CREATED;
        }
        return read(account.username()).isPresent() ? Created.USERNAME_TAKEN : Created.PERSON_HAS_ACCOUNT;
    }

    public void updatePassword(UUID id, String passwordHash) {
        jdbc.update("UPDATE account SET password_hash = ?, updated_at = ? WHERE account_id = ?", passwordHash,
                OffsetDateTime.now(ZoneOffset.UTC), id);
        changes.incrementAndGet();
        if (recent != null) {
            recent.asMap().values().removeIf(account -> account.id().equals(id));
        }
    }

    private static Set<Role> parseRoles(String text) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Role::valueOf).forEach(roles::add);
        return roles;
    }

    private static String formatRoles(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }
}
