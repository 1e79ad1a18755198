package io.picturepipeline.ingest.stream;

import io.picturepipeline.ingest.IngestSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Short-lived, single-use tickets that stand in for the bearer token on an {@code EventSource} URL (browsers cannot
 * send headers with it). 256 random bits; only their SHA-256 is stored (in PostgreSQL, so any instance redeems
 * them); redeeming deletes the row, so a ticket works once, and only within {@code ticket-ttl}.
 */
@Component
public class StreamTickets {

    private static final int TICKET_BYTES = 32;

    private final JdbcClient jdbc;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    StreamTickets(JdbcClient jdbc, IngestSettings settings) {
        this.jdbc = jdbc;
        this.ttl = settings.streams().ticketTtl();
    }

    public record Issued(String ticket, Instant expiresAt) {}

    public Issued issue(String owner) {
        byte[] bytes = new byte[TICKET_BYTES];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OffsetDateTime expiresAt = jdbc.sql("""
                        insert into ingest.stream_ticket (token_hash, owner, expires_at)
                        values (:hash, :owner, now() + :ttl * interval '1 millisecond')
                        returning expires_at
                        """)
                .param("hash", hash(ticket))
                .param("owner", owner)
                .param("ttl", ttl.toMillis())
                .query(OffsetDateTime.class)
                .single();
        return new Issued(ticket, expiresAt.toInstant());
    }

    /** The owner the ticket was issued to, once: the ticket is gone afterwards, and never valid past its expiry. */
    public Optional<String> redeem(String ticket) {
        if (ticket.isEmpty() || ticket.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        delete from ingest.stream_ticket where token_hash = :hash
                        returning owner, expires_at > now() as live
                        """)
                .param("hash", hash(ticket))
                .query((rs, row) -> new Redeemed(rs.getString("owner"), rs.getBoolean("live")))
                .optional()
                .filter(Redeemed::live)
                .map(Redeemed::owner);
    }

    private record Redeemed(String owner, boolean live) {}

    private static byte[] hash(String ticket) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
