package com.careerledger.api.web;

import com.careerledger.projections.support.DomainValuesModule;
import com.fasterxml.jackson.databind.Module;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * The HTTP edge: JSON only, read strictly ({@link StrictJsonModule}), bodies limited in size and query text free of
 * control characters ({@link RequestLimitsFilter}), a query parameter without a value taken as absent
 * ({@link ValuelessParametersFilter}), ids canonical UUIDs ({@link CanonicalUuid}).
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    /** {@code career.http.*}: see docs/operations.md. */
    @ConfigurationProperties("career.http")
    public record HttpProperties(DataSize maxBodySize) {
        public HttpProperties {
            maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(64) : maxBodySize;
        }
    }

    /** Picked up by Spring Boot for the application's ObjectMapper, which reads and writes HTTP bodies. */
    @Bean
    Module strictJsonModule() {
        return new StrictJsonModule();
    }

    /** The domain's values (a level code, a quarter) as the text the API has always written for them. */
    @Bean
    Module domainValuesModule() {
        return new DomainValuesModule();
    }

    @Bean
    FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(HttpProperties properties) {
        FilterRegistrationBean<RequestLimitsFilter> registration =
                new FilterRegistrationBean<>(new RequestLimitsFilter(properties.maxBodySize().toBytes()));
        registration.setName("requestLimitsFilter");
        // before everything that could read the body or do work on behalf of the request (security included)
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /** The actuator's bodiless failures answered as problems, see {@link ActuatorProblemAdvisor}. */
    @Bean
    ActuatorProblemAdvisor actuatorProblemAdvisor() {
        return new ActuatorProblemAdvisor();
    }

    /** Right after the limits: a query parameter without a value is taken as absent by everything after it. */
    @Bean
    FilterRegistrationBean<ValuelessParametersFilter> valuelessParametersFilter() {
        FilterRegistrationBean<ValuelessParametersFilter> registration =
                new FilterRegistrationBean<>(new ValuelessParametersFilter());
        registration.setName("valuelessParametersFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
        return registration;
    }

    /** An answer that fits the response buffer goes out in one write: see {@link OneWriteResponseFilter}. */
    @Bean
    FilterRegistrationBean<OneWriteResponseFilter> oneWriteResponseFilter() {
        FilterRegistrationBean<OneWriteResponseFilter> registration =
                new FilterRegistrationBean<>(new OneWriteResponseFilter());
        registration.setName("oneWriteResponseFilter");
        // outside Spring Security's response wrappers, whose flushes it takes in
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 22);
        return registration;
    }

    /**
     * Tomcat answers some malformed requests before any filter or servlet runs (e.g. an encoded NUL or slash in the
     * path); Spring Boot's error report valve would answer them in HTML. This one answers problem+json.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
        return new ProblemValveCustomizer();
    }

    static final class ProblemValveCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>,
            Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            // a context customizer, added after Spring Boot's own that installs its ErrorReportValve on the host
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.setErrorReportValveClass(ProblemReportValve.class.getName());
                    host.getPipeline().addValve(new ProblemReportValve());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /**
     * The contract is JSON everywhere: request bodies in other formats the classpath happens to support (YAML,
     * because the framework file is YAML) are answered 415, not read around the JSON checks.
     */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(c -> c instanceof AbstractJackson2HttpMessageConverter
                && !(c instanceof MappingJackson2HttpMessageConverter));
    }
}
