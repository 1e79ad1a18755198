package io.picturepipeline.ingest.web;

import io.picturepipeline.ingest.refusal.FieldViolation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refusals made before a controller runs, as problem+json naming what is at fault: Tomcat's own (a header over its
 * size limit, an encoded slash), Spring Security's firewall (a path it will not route), and an {@code Accept} header
 * that is no media type list (Spring could then write no body at all, whatever else it refused).
 */
@Configuration(proxyBeanMethods = false)
class ContainerProblems {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports() {
        return factory -> factory.addContextCustomizers(context ->
                ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemReportValve.class.getName()));
    }

    @Bean
    RequestRejectedHandler rejectedPaths(JsonMapper json) {
        return (request, response, rejected) -> write(
                json, response, HttpStatus.BAD_REQUEST, "This path cannot be routed.", "path", "must be a plain path");
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> malformedAccept(JsonMapper json) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                for (String accept : Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
                    try {
                        MediaType.parseMediaTypes(accept);
                    } catch (InvalidMediaTypeException e) {
                        write(
                                json,
                                response,
                                HttpStatus.BAD_REQUEST,
                                "The Accept header is not a list of media types.",
                                HttpHeaders.ACCEPT,
                                "must be a list of media types, e.g. application/json");
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    private static void write(
            JsonMapper json,
            HttpServletResponse response,
            HttpStatus status,
            String detail,
            String field,
            String message)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("errors", List.of(new FieldViolation(field, message)));
        json.writeValue(response.getOutputStream(), problem);
    }
}
