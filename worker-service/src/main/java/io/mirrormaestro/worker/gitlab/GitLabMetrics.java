package io.mirrormaestro.worker.gitlab;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * Meters of the calls the gateways make (names in README.md, "Metrics"). {@code endpoint} is the gateway operation
 * (a fixed, small set such as {@code push_mirrors}), never a path with project ids, so the number of series stays
 * bounded; {@code status} is GitLab's HTTP status, or {@code none} when no answer came (timeout, refused
 * connection, or a call our own limits did not let out).
 */
final class GitLabMetrics {

    private final MeterRegistry registry;

    GitLabMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    static GitLabMetrics none() {
        return new GitLabMetrics(new SimpleMeterRegistry());
    }

    void request(String instance, String endpoint, String status, long nanos) {
        Timer.builder("mm.gitlab.requests")
                .description("GitLab calls by instance, gateway operation and HTTP status, with their latency")
                .tag("gitlab_instance", instance)
                .tag("endpoint", endpoint)
                .tag("status", status)
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        if ("429".equals(status)) {
            Counter.builder("mm.gitlab.throttled")
                    .description("429 Too Many Requests answers from GitLab")
                    .tag("gitlab_instance", instance)
                    .register(registry)
                    .increment();
        }
    }

    /** Time a call spent waiting on GitLab's throttle and our own concurrency and rate limits before it left. */
    void waited(String instance, long nanos) {
        Timer.builder("mm.gitlab.limit.wait")
                .description("Time GitLab calls waited on rate limits (GitLab's 429 window, our rate and concurrency)")
                .tag("gitlab_instance", instance)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
