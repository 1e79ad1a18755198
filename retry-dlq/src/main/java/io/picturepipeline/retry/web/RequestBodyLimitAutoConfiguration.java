package io.picturepipeline.retry.web;

import jakarta.servlet.Filter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Every pipeline service with a servlet web server (the API, the provider webhook, the actuators) caps request
 * bodies ({@link RequestBodySettings}), ahead of every other filter, security included.
 */
@AutoConfiguration
@ConditionalOnClass(Filter.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(RequestBodySettings.class)
public class RequestBodyLimitAutoConfiguration {

    @Bean
    FilterRegistrationBean<Filter> requestBodyLimit(RequestBodySettings settings) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(settings.maxRequestBody().toBytes()));
        registration.setName("requestBodyLimit");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
