package com.careerledger.api.security;

import com.careerledger.api.error.Problems;
import io.github.bucket4j.TimeMeter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Every endpoint needs authentication except health, info and (configurably) the API documentation. Roles are
 * checked here by URL; which person's data a caller may see or change is checked by {@link Access}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    public PasswordEncoder passwordEncoder() {
        // bcrypt by default, and able to verify hashes of other schemes should the default change later
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    public SecurityFilterChain api(HttpSecurity http, SecuritySettings settings,
                                   AccountAuthenticationProvider accounts, RateLimitFilter rateLimit,
                                   ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        boolean publicDocs = settings.publicApiDocs();
        http.csrf(AbstractHttpConfigurer::disable) // no cookies, no sessions: nothing for a forged request to ride on
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable) // nothing to log out of: no sessions
                .authorizeHttpRequests(a -> {
                    a.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error").permitAll();
                    if (publicDocs) {
                        a.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll();
                    }
                    a.requestMatchers(HttpMethod.GET, "/api/accounts/me").authenticated()
                            .requestMatchers("/actuator/**").hasRole("ADMIN")
                            .requestMatchers("/api/admin/**", "/api/accounts", "/api/accounts/**").hasRole("ADMIN")
                            .requestMatchers(HttpMethod.POST, "/api/people").hasRole("ADMIN")
                            .requestMatchers(HttpMethod.PUT, "/api/people/*/manager").hasRole("ADMIN")
                            .requestMatchers(HttpMethod.POST, "/api/people/*/level-corrections").hasRole("ADMIN")
                            .requestMatchers(HttpMethod.POST, "/api/people/*/promotions", "/api/people/*/track-switches")
                            .hasAnyRole("COMMITTEE", "ADMIN")
                            .requestMatchers(HttpMethod.GET, "/api/readiness").hasAnyRole("ADMIN", "COMMITTEE", "MANAGER")
                            // organisation statistics tell about people outside anyone's line (one promotion in a
                            // quarter is one person's): for those who see everyone
                            .requestMatchers(HttpMethod.GET, "/api/stats").hasAnyRole("ADMIN", "COMMITTEE")
                            .anyRequest().authenticated();
                })
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated(settings)).accessDeniedHandler(denied()))
                .addFilterAfter(rateLimit, AuthorizationFilter.class);
        if (settings.jwtMode()) {
            http.oauth2ResourceServer(o -> o
                    .jwt(j -> j.decoder(jwtDecoder.getObject()).jwtAuthenticationConverter(new JwtPrincipals(settings.jwt())))
                    .authenticationEntryPoint(unauthenticated(settings)));
        } else {
            // only this provider, with no parent manager behind it: a wrong password is hashed once, not again by
            // a global manager holding the same provider
            http.authenticationManager(new ProviderManager(accounts))
                    .httpBasic(b -> b.realmName("career-ledger").authenticationEntryPoint(unauthenticated(settings)));
        }
        return http.build();
    }

    /**
     * Spring Security's own observations are not recorded ({@code management.observations.enable.spring.security}
     * is off); without this bean Spring Security still wrapped every filter of its chain, and its authentication
     * and authorization, in observations that record nothing: a few per cent of a request's CPU (issue 15).
     */
    @Bean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The sign-in throttle, on the system's monotonic clock unless a {@link TimeMeter} bean says otherwise (tests
     * move time forward with one).
     */
    @Bean
    public SignInThrottle signInThrottle(SecuritySettings settings, ObjectProvider<TimeMeter> time) {
        return new SignInThrottle(settings.signIn(), time.getIfAvailable(() -> TimeMeter.SYSTEM_NANOTIME));
    }

    /** Only in JWT mode: the issuer's keys, and validation of issuer, audience and expiry. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "career.security.mode", havingValue = "jwt")
    public JwtDecoder jwtDecoder(SecuritySettings settings) throws Exception {
        SecuritySettings.Jwt jwt = settings.jwt();
        if (jwt.issuer() == null || jwt.audience() == null || (jwt.jwkSetUri() == null && jwt.publicKey() == null)) {
            throw new IllegalStateException("career.security.mode=jwt needs career.security.jwt.issuer, "
                    + "career.security.jwt.audience and career.security.jwt.jwk-set-uri or career.security.jwt.public-key");
        }
        NimbusJwtDecoder decoder = jwt.jwkSetUri() != null
                ? NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build()
                : NimbusJwtDecoder.withPublicKey(publicKey(jwt.publicKey())).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(jwt.issuer()), JwtPrincipals.audience(jwt.audience())));
        return decoder;
    }

    private static RSAPublicKey publicKey(String location) throws Exception {
        Resource resource = new DefaultResourceLoader().getResource(location);
        String pem;
        try (InputStream in = resource.getInputStream()) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static AuthenticationEntryPoint unauthenticated(SecuritySettings settings) {
        return (request, response, e) -> {
            if (e instanceof SignInThrottledException throttled) {
                response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
                Problems.write(request, response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "sign-in-throttled",
                        "Too many failed sign-ins", "too many failed sign-ins for this account or from this address; "
                                + "retry after " + throttled.retryAfterSeconds() + " s"));
                return;
            }
            response.setHeader("WWW-Authenticate", settings.jwtMode() ? "Bearer" : "Basic realm=\"career-ledger\"");
            Problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Unauthenticated", "valid credentials are required"));
        };
    }

    private static AccessDeniedHandler denied() {
        return (request, response, e) -> Problems.write(request, response,
                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "your role does not allow this"));
    }

}
