package io.picturepipeline.ingest.stream.web;

import io.picturepipeline.ingest.stream.StreamTickets;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A single-use ticket for opening an event stream where no header can be sent ({@code EventSource}):
 * {@code GET /api/v1/generations/{id}/events?ticket=...} or {@code GET /api/v1/events?ticket=...}.
 */
@RestController
class StreamTicketController {

    private final StreamTickets tickets;
    private final Clock clock;

    StreamTicketController(StreamTickets tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    record Ticket(String ticket, Instant expiresAt, long expiresInSeconds) {}

    // produces: an Accept that excludes JSON is refused before a ticket is stored
    @PostMapping(path = "/api/v1/stream-tickets", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Ticket> issue(Principal caller) {
        StreamTickets.Issued issued = tickets.issue(caller.getName());
        long seconds = Math.max(
                0, Duration.between(clock.instant(), issued.expiresAt()).toSeconds());
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new Ticket(issued.ticket(), issued.expiresAt(), seconds));
    }
}
