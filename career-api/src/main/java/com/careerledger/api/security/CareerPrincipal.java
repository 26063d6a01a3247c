package com.careerledger.api.security;

import java.security.Principal;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated caller. {@code actorId} is what event metadata records: an account id or a token subject,
 * never a name or an e-mail.
 *
 * @param personId the person this account belongs to, if any (an employee or a manager is one)
 */
public record CareerPrincipal(String actorId, String username, Set<Role> roles, UUID personId) implements Principal {

    public CareerPrincipal {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    @Override
    public String getName() {
        return actorId;
    }
}
