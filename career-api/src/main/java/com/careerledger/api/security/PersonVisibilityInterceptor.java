package com.careerledger.api.security;

import com.careerledger.api.web.CanonicalUuid;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Map;

/**
 * Before a request body is even read, a person the caller may not see is answered 404: refusals never depend
 * on what was sent. The finer rules (who may write, assess, decide) stay in the controllers, through {@link Access}.
 */
@Configuration(proxyBeanMethods = false)
public class PersonVisibilityInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private final Access access;

    public PersonVisibilityInterceptor(Access access) {
        this.access = access;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/people/*", "/api/people/*/**");
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String personId = variables == null ? null : variables.get("personId");
        // not a UUID: the controller answers that as a bad request
        CanonicalUuid.parse(personId).ifPresent(access::requireVisible);
        return true;
    }
}
