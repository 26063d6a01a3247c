package com.careerledger.api.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Turns a validated JWT into a {@link CareerPrincipal}: subject as actor, roles and person id from claims. */
final class JwtPrincipals implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecuritySettings.Jwt settings;

    JwtPrincipals(SecuritySettings.Jwt settings) {
        this.settings = settings;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : claimValues(jwt.getClaim(settings.rolesClaim()))) {
            try {
                roles.add(Role.valueOf(name.strip().toUpperCase(Locale.ROOT).replaceFirst("^ROLE_", "")));
            } catch (IllegalArgumentException ignored) {
                // roles of other applications in the same token
            }
        }
        UUID personId = null;
        Object person = jwt.getClaim(settings.personIdClaim());
        if (person != null) {
            try {
                personId = UUID.fromString(person.toString());
            } catch (IllegalArgumentException ignored) {
                // not one of our person ids: the token then acts for no person
            }
        }
        CareerPrincipal principal = new CareerPrincipal(jwt.getSubject(), jwt.getSubject(), roles, personId);
        return new PrincipalJwtAuthentication(jwt, principal,
                roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
    }

    private static List<String> claimValues(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Collection<?> c) {
            c.forEach(v -> values.add(String.valueOf(v)));
        } else if (claim instanceof String s) {
            values.addAll(List.of(s.split("[\\s,]+")));
        }
        return values;
    }

    /** The token stays available; the principal is ours. */
    static final class PrincipalJwtAuthentication extends JwtAuthenticationToken {
        private final CareerPrincipal principal;

        PrincipalJwtAuthentication(Jwt jwt, CareerPrincipal principal, Collection<SimpleGrantedAuthority> authorities) {
            super(jwt, authorities, principal.actorId());
            this.principal = principal;
        }

        @Override
        public Object getPrincipal() {
            return principal;
        }
    }

    /** Refuses tokens not meant for this service. */
    static OAuth2TokenValidator<Jwt> audience(String audience) {
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "the token is not for " + audience, null));
    }
}
