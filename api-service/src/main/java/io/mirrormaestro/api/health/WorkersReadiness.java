package io.mirrormaestro.api.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Workers as a readiness contributor (component {@code workers}): {@code OUT_OF_SERVICE} only when commands wait
 * unclaimed and no worker ran one lately, i.e. when what api-service accepts would not be carried out. Idle workers
 * write nothing, so "none seen" without waiting commands stays {@code UP} (with {@code unknown} in the details).
 */
@Component("workers")
class WorkersReadiness implements HealthIndicator {

    private final ComponentProbes probes;

    WorkersReadiness(ComponentProbes probes) {
        this.probes = probes;
    }

    @Override
    public Health health() {
        ComponentProbes.ComponentHealth workers = probes.workers();
        Health.Builder builder = "degraded".equals(workers.status()) ? Health.outOfService() : Health.up();
        return builder.withDetail("state", workers.status())
                .withDetail("message", workers.message())
                .withDetails(workers.details())
                .build();
    }
}
