package io.picturepipeline.ingest.auth;

import io.picturepipeline.ingest.stream.StreamTickets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code GET} event-stream requests that carry {@code ?ticket=} and no {@code Authorization} header
 * (what a browser's {@code EventSource} can do): the ticket is redeemed once, and the request runs as its owner.
 * An unknown, used or expired ticket is a 401. Nothing else is touched, so a ticket opens an event stream and nothing
 * more.
 */
final class StreamTicketFilter extends OncePerRequestFilter {

    static final String PARAMETER = "ticket";
    private static final Pattern EVENT_STREAMS = Pattern.compile("/api/v1/((generations|batches)/[^/]+/)?events");

    private final StreamTickets tickets;
    private final AuthenticationEntryPoint entryPoint;

    StreamTicketFilter(StreamTickets tickets, AuthenticationEntryPoint entryPoint) {
        this.tickets = tickets;
        this.entryPoint = entryPoint;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod())
                || request.getParameter(PARAMETER) == null
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || !EVENT_STREAMS.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> owner = tickets.redeem(request.getParameter(PARAMETER));
        if (owner.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new InvalidStreamTicketException());
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new StreamTicketAuthentication(owner.get()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
