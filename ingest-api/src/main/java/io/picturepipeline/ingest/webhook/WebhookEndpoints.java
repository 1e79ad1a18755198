package io.picturepipeline.ingest.webhook;

import io.picturepipeline.ingest.IngestSettings;
import io.picturepipeline.ingest.refusal.NotFoundException;
import io.picturepipeline.retry.egress.FetchPolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner's side of webhooks: register an endpoint (its secret is answered once), list, rotate the secret, enable
 * again after it was disabled, delete, and see its recent deliveries. Another user's endpoint is a 404.
 */
@Service
public class WebhookEndpoints {

    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoints.class);
    private static final String COLUMNS = "id, url, events, enabled, disabled_reason, disabled_at, created_at";

    /** A new endpoint or a rotated secret: the only answers that ever hold the secret. */
    public record WithSecret(WebhookEndpoint endpoint, String secret) {}

    private final JdbcClient jdbc;
    private final FetchPolicy policy;
    private final Clock clock;
    private final IngestSettings.Webhooks settings;

    WebhookEndpoints(JdbcClient jdbc, FetchPolicy webhookAddressPolicy, Clock clock, IngestSettings settings) {
        this.jdbc = jdbc;
        this.policy = webhookAddressPolicy;
        this.clock = clock;
        this.settings = settings.webhooks();
    }

    @Transactional
    public WithSecret register(String owner, String url, EventFilter events) {
        String checked = EndpointAddress.check(url, policy).toString();
        // one owner's registrations queue here, so two at once cannot both pass the count
        jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtext(:owner))) locked")
                .param("owner", owner)
                .query(Integer.class)
                .single();
        long existing = jdbc.sql("select count(*) from ingest.webhook_endpoint where owner = :owner")
                .param("owner", owner)
                .query(Long.class)
                .single();
        if (existing >= settings.maxEndpointsPerUser()) {
            throw new EndpointLimitReached(existing, settings.maxEndpointsPerUser());
        }
        UUID id = UUID.randomUUID();
        String secret = Secrets.generate();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into ingest.webhook_endpoint (id, owner, url, events, secret, created_at)
                        values (:id, :owner, :url, :events, :secret, :now)""")
                .param("id", id)
                .param("owner", owner)
                .param("url", checked)
                .param("events", events.wireName())
                .param("secret", secret)
                .param("now", utc(now))
                .update();
        log.info("user {} registered webhook endpoint {} ({} events)", owner, id, events.wireName());
        return new WithSecret(new WebhookEndpoint(id, checked, events, true, null, null, now), secret);
    }

    public List<WebhookEndpoint> list(String owner) {
        return jdbc.sql("select " + COLUMNS + " from ingest.webhook_endpoint where owner = :owner order by created_at")
                .param("owner", owner)
                .query(WebhookEndpoints::endpoint)
                .list();
    }

    public WebhookEndpoint get(UUID id, String owner) {
        return jdbc.sql("select " + COLUMNS + " from ingest.webhook_endpoint where id = :id and owner = :owner")
                .param("id", id)
                .param("owner", owner)
                .query(WebhookEndpoints::endpoint)
                .optional()
                .orElseThrow(() -> notFound(id));
    }

    /** A new secret; the old one still signs (a second signature) for {@code secret-grace}, then no more. */
    @Transactional
    public WithSecret rotate(UUID id, String owner) {
        String secret = Secrets.generate();
        int updated = jdbc.sql("""
                        update ingest.webhook_endpoint
                        set previous_secret = secret, previous_secret_expires_at = :expires, secret = :secret
                        where id = :id and owner = :owner""")
                .param("expires", utc(clock.instant().plus(settings.secretGrace())))
                .param("secret", secret)
                .param("id", id)
                .param("owner", owner)
                .update();
        if (updated == 0) {
            throw notFound(id);
        }
        log.info("user {} rotated the secret of webhook endpoint {}", owner, id);
        return new WithSecret(get(id, owner), secret);
    }

    /** Enables a disabled endpoint again, if its address still passes the SSRF guard. */
    public WebhookEndpoint enable(UUID id, String owner) {
        EndpointAddress.check(get(id, owner).url(), policy);
        jdbc.sql("""
                        update ingest.webhook_endpoint set enabled = true, disabled_reason = null, disabled_at = null
                        where id = :id and owner = :owner""").param("id", id).param("owner", owner).update();
        return get(id, owner);
    }

    public void delete(UUID id, String owner) {
        int deleted = jdbc.sql("delete from ingest.webhook_endpoint where id = :id and owner = :owner")
                .param("id", id)
                .param("owner", owner)
                .update();
        if (deleted == 0) {
            throw notFound(id);
        }
        log.info("user {} deleted webhook endpoint {}", owner, id);
    }

    public List<WebhookDelivery> deliveries(UUID id, String owner, int limit) {
        get(id, owner);
        return jdbc.sql("""
                        select id, generation_id, event_type, status, attempts, last_response_status, last_error,
                               created_at, last_attempt_at, delivered_at
                        from ingest.webhook_delivery where endpoint_id = :id
                        order by created_at desc, id limit :limit""")
                .param("id", id)
                .param("limit", limit)
                .query((rs, row) -> new WebhookDelivery(
                        rs.getString(1),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        (Integer) rs.getObject(6),
                        rs.getString(7),
                        instant(rs, 8),
                        instant(rs, 9),
                        instant(rs, 10)))
                .list();
    }

    /** The endpoints that get an event of {@code generationId} that happened at {@code occurredAt}. */
    List<UUID> subscribers(UUID generationId, boolean terminal, Instant occurredAt) {
        return jdbc.sql("""
                        select e.id from ingest.webhook_endpoint e
                        join ingest.generation_request g on g.owner = e.owner
                        where g.id = :generation and e.enabled and e.created_at <= :occurredAt
                          and (e.events = 'all' or :terminal)""")
                .param("generation", generationId)
                .param("occurredAt", utc(occurredAt))
                .param("terminal", terminal)
                .query(UUID.class)
                .list();
    }

    Optional<Target> target(UUID id) {
        return jdbc.sql("""
                        select id, url, enabled, secret, previous_secret, previous_secret_expires_at
                        from ingest.webhook_endpoint where id = :id""")
                .param("id", id)
                .query((rs, row) -> new Target(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getBoolean(3),
                        rs.getString(4),
                        rs.getString(5),
                        instant(rs, 6)))
                .optional();
    }

    /** Stops deliveries to an endpoint; the owner sees {@code reason} and may enable it again. */
    void disable(UUID id, String reason) {
        int updated = jdbc.sql("""
                        update ingest.webhook_endpoint set enabled = false, disabled_reason = :reason, disabled_at = :now
                        where id = :id and enabled""")
                .param("reason", reason)
                .param("now", utc(clock.instant()))
                .param("id", id)
                .update();
        if (updated > 0) {
            log.warn("webhook endpoint {} disabled: {}", id, reason);
        }
    }

    private static WebhookEndpoint endpoint(ResultSet rs, int row) throws SQLException {
        return new WebhookEndpoint(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                EventFilter.of(rs.getString(3)).orElseThrow(),
                rs.getBoolean(4),
                rs.getString(5),
                instant(rs, 6),
                instant(rs, 7));
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No webhook endpoint " + id + ".");
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
