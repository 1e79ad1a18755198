package io.picturepipeline.ingest.limit.web;

import io.picturepipeline.ingest.limit.Plan;
import io.picturepipeline.ingest.limit.Plans;
import io.picturepipeline.ingest.limit.RateLimits;
import java.time.Clock;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where the caller stands against the limits of their plan (the seeds' {@code get_user_limits}). */
@RestController
class LimitsController {

    private final RateLimits limits;
    private final Plans plans;
    private final Clock clock;

    LimitsController(RateLimits limits, Plans plans, Clock clock) {
        this.limits = limits;
        this.plans = plans;
        this.clock = clock;
    }

    /**
     * @param plan the caller's plan: its name, the highest priority (and the default) of its submissions, and its
     *     fair share among users of the same priority
     */
    record Limits(PlanView plan, RateLimits.Window hourly, RateLimits.Window daily, boolean canGenerate) {}

    record PlanView(String name, int priority, int weight) {}

    @GetMapping("/api/v1/limits")
    Limits limits(@AuthenticationPrincipal Jwt caller) {
        Plan plan = plans.of(caller.getSubject(), caller.getClaimAsString(Plans.CLAIM));
        RateLimits.Usage usage = limits.usage(caller.getSubject(), plan, clock.instant());
        return new Limits(
                new PlanView(plan.name(), plan.priority(), plan.weight()),
                usage.hourly(),
                usage.daily(),
                usage.canGenerate());
    }
}
