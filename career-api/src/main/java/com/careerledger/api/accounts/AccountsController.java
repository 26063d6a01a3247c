package com.careerledger.api.accounts;

import org.springframework.lang.Nullable;
import com.careerledger.api.error.ApiRule;
import com.careerledger.api.error.ApiRuleViolation;
import com.careerledger.api.security.Access;
import com.careerledger.api.security.AccountAuthenticationProvider;
import com.careerledger.api.security.storage.AccountStore;
import com.careerledger.api.security.CareerPrincipal;
import com.careerledger.api.security.Role;
import com.careerledger.api.web.MaxUtf8Bytes;
import com.careerledger.domain.shared.InvalidCommandException;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.projections.support.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Accounts for HTTP Basic (ADMIN only). Passwords are checked against the rules below and stored hashed. */
@RestController
@RequestMapping("/api/accounts")
public class AccountsController {

    /** The shortest password, in characters. */
    public static final int PASSWORD_MIN_LENGTH = 12;
    /** The longest password, in bytes of UTF-8: what the password hash reads (a longer one cannot be hashed). */
    public static final int PASSWORD_MAX_BYTES = AccountAuthenticationProvider.MAX_PASSWORD_BYTES;

    public record AccountRequest(
            @NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9._-]{2,63}$",
                    message = "must be 3-64 lower-case letters, digits, dots, dashes or underscores") String username,
            @NotBlank @Size(min = PASSWORD_MIN_LENGTH, message = "must be at least {min} characters")
            @MaxUtf8Bytes(PASSWORD_MAX_BYTES) String password,
            @NotEmpty List<Role> roles,
            UUID personId) {
    }

    /** @param id null for a caller known only by a token (JWT mode) without an account here */
    public record AccountView(@Nullable UUID id, String username, Set<Role> roles, @Nullable UUID personId,
                              boolean enabled) {
        static AccountView of(AccountStore.Account a) {
            return new AccountView(a.id(), a.username(), a.roles(), a.personId(), a.enabled());
        }
    }

    private final AccountStore accounts;
    private final PasswordEncoder encoder;
    private final Access access;

    public AccountsController(AccountStore accounts, PasswordEncoder encoder, Access access) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.access = access;
    }

    /**
     * Creates an HTTP Basic account, with its roles and optionally the person it is linked to. Answers 201 with
     * Location. The password has at least 12 characters and 5 different ones, does not contain the username, and does
     * not start or end with spaces (400 otherwise). 409 {@code username-taken} or {@code person-has-account} (one
     * account per person). ADMIN only.
     */
    @PostMapping
    public ResponseEntity<AccountView> create(@Valid @RequestBody AccountRequest request) {
        checkPassword(request.username(), request.password());
        if (request.personId() != null && !access.exists(request.personId())) {
            throw new InvalidCommandException("personId", "person " + request.personId() + " does not exist");
        }
        AccountStore.Account account = new AccountStore.Account(UUID.randomUUID(), request.username(),
                encoder.encode(request.password()), EnumSet.copyOf(request.roles()), request.personId(), true);
        switch (accounts.create(account)) {
            case USERNAME_TAKEN -> throw new ApiRuleViolation(ApiRule.USERNAME_TAKEN,
                    "the username " + request.username() + " is taken");
            case PERSON_HAS_ACCOUNT -> throw new ApiRuleViolation(ApiRule.PERSON_HAS_ACCOUNT,
                    "person " + request.personId() + " already has an account: one account per person");
            case CREATED -> { }
        }
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/accounts/{id}").buildAndExpand(account.id()).toUri())
                .body(AccountView.of(account));
    }

    /** Every account, by username, paged. ADMIN only. */
    @GetMapping
    public Page<AccountView> listAccounts(@RequestParam(defaultValue = "0") @Min(0) int page,
                                          @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return new Page<>(accounts.page(page, size).stream().map(AccountView::of).toList(), page, size, accounts.count());
    }

    /**
     * Who the caller is, as the system sees them: account, roles and linked person. In JWT mode it comes from the
     * token, and the id is null when the token names no account here. Any authenticated caller.
     */
    @GetMapping("/me")
    public AccountView me(@org.springframework.security.core.annotation.AuthenticationPrincipal CareerPrincipal principal) {
        UUID id = null;
        try {
            id = UUID.fromString(principal.actorId());
        } catch (IllegalArgumentException e) {
            // a token subject that is not one of our account ids
        }
        return new AccountView(id, principal.username(), principal.roles(), principal.personId(), true);
    }

    /** One account; 404 when it does not exist. ADMIN only. */
    @GetMapping("/{accountId}")
    public AccountView one(@PathVariable UUID accountId) {
        return accounts.byId(accountId).map(AccountView::of)
                .orElseThrow(() -> new NotFoundException("account " + accountId + " does not exist"));
    }

    /** Length is checked by validation; these rules catch the passwords that length alone lets through. */
    private static void checkPassword(String username, String password) {
        if (password.toLowerCase(java.util.Locale.ROOT).contains(username.toLowerCase(java.util.Locale.ROOT))) {
            throw new InvalidCommandException("password", "password must not contain the username");
        }
        if (password.chars().distinct().count() < 5) {
            throw new InvalidCommandException("password", "password must use at least 5 different characters");
        }
        if (!password.strip().equals(password)) {
            throw new InvalidCommandException("password", "password must not start or end with spaces");
        }
    }
}
