package com.careerledger.api.security.storage;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

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

/** Accounts in PostgreSQL (never in events). Only password hashes are stored. */
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

    public AccountStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> byUsername(String username) {
        return jdbc.query("SELECT * FROM account WHERE username = ?", ROW, username).stream().findFirst();
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
            return Created.CREATED;
        }
        return byUsername(account.username()).isPresent() ? Created.USERNAME_TAKEN : Created.PERSON_HAS_ACCOUNT;
    }

    public void updatePassword(UUID id, String passwordHash) {
        jdbc.update("UPDATE account SET password_hash = ?, updated_at = ? WHERE account_id = ?", passwordHash,
                OffsetDateTime.now(ZoneOffset.UTC), id);
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
