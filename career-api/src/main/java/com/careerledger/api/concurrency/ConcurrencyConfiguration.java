package com.careerledger.api.concurrency;

import com.careerledger.api.concurrency.storage.IdempotencyKeys;

import com.careerledger.api.security.CurrentActor;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.lang.NonNull;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Conditional writes ({@code If-Match}) and retries ({@code Idempotency-Key}) at the HTTP edge. */
@Configuration(proxyBeanMethods = false)
public class ConcurrencyConfiguration implements WebMvcConfigurer {

    /** After Spring Security's filter chain: the principal is known, and refused requests never get here. */
    public static final int IDEMPOTENCY_FILTER_ORDER = SecurityProperties.DEFAULT_FILTER_ORDER + 10;

    @Override
    public void addInterceptors(@NonNull InterceptorRegistry registry) {
        registry.addInterceptor(new IfMatch()).addPathPatterns("/api/**");
    }

    /** Registered with the command bus by Axon's auto-configuration. */
    @Bean
    public IdempotentCommands idempotentCommands(IdempotencyKeys keys, CommandResults results) {
        return new IdempotentCommands(keys, results);
    }

    @Bean
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyKeys keys, CurrentActor actor) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(keys, actor));
        registration.setName("idempotencyFilter");
        registration.addUrlPatterns("/api/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(IDEMPOTENCY_FILTER_ORDER);
        return registration;
    }
}
