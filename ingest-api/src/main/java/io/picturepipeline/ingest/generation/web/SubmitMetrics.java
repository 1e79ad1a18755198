package io.picturepipeline.ingest.generation.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code pipeline.submits{outcome=accepted|rejected|rate_limited|error}} and {@code pipeline.submit.latency} (a
 * histogram) for every {@code POST /api/v1/generations} that reached the controller (see docs/observability.md):
 * 2xx accepted (an idempotent replay included), 429 rate limited, other 4xx rejected, 5xx error.
 */
@Configuration(proxyBeanMethods = false)
class SubmitMetrics implements WebMvcConfigurer, HandlerInterceptor {

    private static final String STARTED = SubmitMetrics.class.getName() + ".started";

    private final Map<String, Counter> outcomes;
    private final Timer latency;

    SubmitMetrics(MeterRegistry meters) {
        this.outcomes = Map.of(
                "accepted", counter(meters, "accepted"),
                "rejected", counter(meters, "rejected"),
                "rate_limited", counter(meters, "rate_limited"),
                "error", counter(meters, "error"));
        this.latency = Timer.builder("pipeline.submit.latency")
                .description("Time to answer POST /api/v1/generations, every outcome")
                .publishPercentileHistogram()
                .register(meters);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns(GenerationPaths.COLLECTION);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if ("POST".equals(request.getMethod())) {
            request.setAttribute(STARTED, System.nanoTime());
        }
        return true;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception ex) {
        if (!(request.getAttribute(STARTED) instanceof Long started)) {
            return;
        }
        latency.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        int status = ex != null && response.getStatus() < 400 ? 500 : response.getStatus();
        outcomes.get(outcome(status)).increment();
    }

    static String outcome(int status) {
        if (status == 429) {
            return "rate_limited";
        }
        if (status >= 500) {
            return "error";
        }
        return status >= 400 ? "rejected" : "accepted";
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("pipeline.submits")
                .description("POST /api/v1/generations that reached the controller, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }
}
