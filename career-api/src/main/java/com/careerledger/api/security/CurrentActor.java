package com.careerledger.api.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Who is acting: the authenticated principal, never a field of a request body. Its id (an account id or a
 * token subject) is what event metadata records as the actor.
 */
@Component
public class CurrentActor {

    /** The actor of work that no request started (start-up tasks): never used for an HTTP request. */
    public static final String SYSTEM = "system";

    public Optional<CareerPrincipal> principal() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof CareerPrincipal p ? Optional.of(p) : Optional.empty();
    }

    public String id() {
        return principal().map(CareerPrincipal::actorId).orElse(SYSTEM);
    }
}
