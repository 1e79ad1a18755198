package io.picturepipeline.ingest.limit.web;

import io.picturepipeline.ingest.limit.RateLimits;
import java.security.Principal;
import java.time.Clock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where the caller stands against the per-user limits (the seeds' {@code get_user_limits}). */
@RestController
class LimitsController {

    private final RateLimits limits;
    private final Clock clock;

    LimitsController(RateLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    record Limits(RateLimits.Window hourly, RateLimits.Window daily, boolean canGenerate) {}

    @GetMapping("/api/v1/limits")
    Limits limits(Principal caller) {
        RateLimits.Usage usage = limits.usage(caller.getName(), clock.instant());
        return new Limits(usage.hourly(), usage.daily(), usage.canGenerate());
    }
}
