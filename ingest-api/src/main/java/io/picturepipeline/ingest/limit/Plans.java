package io.picturepipeline.ingest.limit;

import io.picturepipeline.ingest.IngestSettings;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which plan a user is on: their row in {@code ingest.user_plan} (what ops decided) wins, then the token's
 * {@code plan} claim (what the identity provider says), then the default plan. A name that no plan has is the
 * default plan, so a stale claim or a typo in a row never refuses a user.
 */
@Component
public class Plans {

    /** The token claim that names the caller's plan. */
    public static final String CLAIM = "plan";

    private static final Logger log = LoggerFactory.getLogger(Plans.class);

    private final JdbcClient jdbc;
    private final Plan fallback;
    private final Map<String, Plan> named;

    Plans(JdbcClient jdbc, IngestSettings settings) {
        this.jdbc = jdbc;
        IngestSettings.Plans plans = settings.plans();
        Map<String, IngestSettings.Plans.Plan> configured = plans.named() == null ? Map.of() : plans.named();
        this.named = configured.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> plan(e.getKey(), e.getValue())));
        this.fallback = named.getOrDefault(
                plans.defaultPlan(),
                new Plan(
                        plans.defaultPlan(),
                        settings.limits().hourly(),
                        settings.limits().daily(),
                        0,
                        1));
    }

    /** {@code owner}'s plan; {@code claimed} is the token's {@code plan} claim, if any. */
    public Plan of(String owner, @Nullable String claimed) {
        String assigned = jdbc.sql("select plan from ingest.user_plan where owner = :owner")
                .param("owner", owner)
                .query(String.class)
                .optional()
                .orElse(claimed);
        if (assigned == null || assigned.equals(fallback.name())) {
            return fallback;
        }
        Plan plan = named.get(assigned);
        if (plan == null) {
            log.warn("user {} is on plan '{}', which is not configured: using the default plan", owner, assigned);
            return fallback;
        }
        return plan;
    }

    private static Plan plan(String name, IngestSettings.Plans.Plan settings) {
        return new Plan(name, settings.hourly(), settings.daily(), settings.priority(), settings.weight());
    }
}
