package io.mirrormaestro.worker.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GitLabMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GitLabMetrics metrics = new GitLabMetrics(registry);

    @Test
    void a429CountsAsThrottledBesideItsRequest() {
        metrics.request("gitlab-a", "project", "2xx", Duration.ofMillis(20).toNanos());
        metrics.request("gitlab-a", "project", "429", Duration.ofMillis(5).toNanos());
        metrics.waited("gitlab-a", Duration.ofSeconds(3).toNanos());

        assertThat(registry.get("mm.gitlab.throttled")
                        .tag("gitlab_instance", "gitlab-a")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("mm.gitlab.requests")
                        .tags("gitlab_instance", "gitlab-a", "endpoint", "project", "status", "429")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("mm.gitlab.limit.wait").timer().totalTime(java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(3);
    }
}
