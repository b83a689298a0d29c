package io.mirrormaestro.api.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Kafka as a readiness contributor ({@code /actuator/health/readiness}, component {@code kafka}): the same bounded
 * check as {@code GET /api/health}.
 */
@Component("kafka")
class KafkaReadiness implements HealthIndicator {

    private final ComponentProbes probes;

    KafkaReadiness(ComponentProbes probes) {
        this.probes = probes;
    }

    @Override
    public Health health() {
        ComponentProbes.ComponentHealth kafka = probes.kafka();
        Health.Builder builder = "healthy".equals(kafka.status()) ? Health.up() : Health.down();
        return builder.withDetail("message", kafka.message())
                .withDetails(kafka.details())
                .build();
    }
}
