package io.mirrormaestro.worker.mirror;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.worker.WorkerSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The share of each GitLab instance's request rate ({@code MM_GITLAB_REQUESTS_PER_MINUTE}) that status refresh may
 * use in this worker ({@code MM_REFRESH_RATE_SHARE}), so mirror work is never starved: a refresh takes a permit here
 * before its request also passes the instance's own limiter. No limit when the instance rate is unlimited.
 */
@Component
class RefreshBudget {

    private final int requestsPerMinute;
    private final int share;
    private final Duration maxWait;
    private final Map<Long, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    RefreshBudget(WorkerSettings worker, RefreshSettings settings, ObjectProvider<MeterRegistry> meters) {
        this.requestsPerMinute = worker.gitlab().requestsPerMinute();
        this.share = settings.rateShare();
        this.maxWait = settings.tick();
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        // budget used: rate(mm_refresh_permits_total{outcome="granted"}[5m]) * 60 / mm_refresh_budget_per_minute
        Gauge.builder("mm.refresh.budget.per.minute", this, RefreshBudget::perMinute)
                .description("Refresh requests per minute one instance may get from this worker; 0 for no limit")
                .register(this.meters);
    }

    /** Refresh requests per minute to one instance from this worker; 0 for no limit. */
    int perMinute() {
        return requestsPerMinute <= 0 ? 0 : Math.max(1, requestsPerMinute * share / 100);
    }

    /** Waits up to a sweep's tick for a permit; false when the budget cannot give one that soon. */
    boolean acquire(InstanceRecord instance) {
        boolean granted = permit(instance);
        Counter.builder("mm.refresh.permits")
                .description("Refresh budget permits asked for, granted or refused (budget spent for this tick)")
                .tag("gitlab_instance", instance.name())
                .tag("outcome", granted ? "granted" : "refused")
                .register(meters)
                .increment();
        return granted;
    }

    private boolean permit(InstanceRecord instance) {
        int perMinute = perMinute();
        if (perMinute == 0) {
            return true;
        }
        return limiters.computeIfAbsent(
                        instance.id(),
                        id -> RateLimiter.of(
                                "gitlab-refresh-" + id,
                                RateLimiterConfig.custom()
                                        .limitForPeriod(1)
                                        .limitRefreshPeriod(Duration.ofNanos(
                                                Duration.ofMinutes(1).toNanos() / perMinute))
                                        .timeoutDuration(maxWait)
                                        .build()))
                .acquirePermission();
    }
}
