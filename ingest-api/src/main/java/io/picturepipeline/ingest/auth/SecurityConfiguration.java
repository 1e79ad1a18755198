package io.picturepipeline.ingest.auth;

import io.picturepipeline.ingest.IngestSettings;
import io.picturepipeline.ingest.derive.SourceImageLinks;
import io.picturepipeline.ingest.stream.StreamTickets;
import io.picturepipeline.retry.RequiredSecret;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless bearer-token security: every {@code /api/**} call needs a valid JWT whose {@code sub} is the caller
 * (the owner of what they submit), except event streams opened with a single-use stream ticket
 * ({@link StreamTicketFilter}) and, in the {@code local} profile, the demo token; health, metrics, the OpenAPI
 * description, the web page and static files are open.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuth2ResourceServerProperties.class)
class SecurityConfiguration {

    /**
     * The web page loads only its own script and styles, and images from the API (as blobs); responses that set
     * their own policy (SVG images) keep theirs.
     */
    static final String PAGE_POLICY = "default-src 'self'; img-src 'self' blob: data:; object-src 'none';"
            + " base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    static final String HMAC_SECRET = "pipeline.ingest.auth.hmac-secret (JWT_SECRET, PIPELINE_INGEST_AUTH_HMAC_SECRET)";

    /** Only mapped in the {@code local} profile (the demo user's token for the web page). */
    static final String DEMO_TOKEN = "/api/v1/demo-token";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems, StreamTickets tickets)
            throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY)))
                .authorizeHttpRequests(requests -> requests
                        // the dispatch that ends an event stream: its request was authorized when it began
                        .dispatcherTypeMatchers(DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, DEMO_TOKEN)
                        .permitAll()
                        // a signed, expiring link is the credential (the provider fetches sources with it)
                        .requestMatchers(HttpMethod.GET, SourceImageLinks.PATH + "**")
                        .permitAll()
                        .requestMatchers("/api/**")
                        .authenticated()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .oauth2ResourceServer(oauth -> oauth.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new StreamTicketFilter(tickets, problems), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /** Outside the {@code local} profile the HMAC secret must be the deployer's own ({@link RequiredSecret}). */
    @Bean
    JwtDecoder jwtDecoder(
            IngestSettings settings, Environment environment, OAuth2ResourceServerProperties resourceServer) {
        IngestSettings.Auth auth = settings.auth();
        JwtDecoder decoder = switch (auth.mode()) {
            case HMAC -> {
                RequiredSecret.check(environment, HMAC_SECRET, auth.hmacSecret(), TokenDecoders.MIN_SECRET_BYTES);
                yield TokenDecoders.hmac(auth.hmacSecret(), auth.issuer(), auth.audience(), auth.maxTokenLifetime());
            }
            case JWKS ->
                TokenDecoders.jwks(
                        resourceServer.getJwt().getJwkSetUri(),
                        resourceServer.getJwt().getIssuerUri(),
                        auth.issuer(),
                        auth.audience(),
                        auth.maxTokenLifetime());
        };
        return new VerifiedTokens(decoder, auth.rememberVerified(), Clock.systemUTC());
    }
}
