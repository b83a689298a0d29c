package io.mirrormaestro.worker.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read {@code /actuator/prometheus} (see README.md): the metrics user, when its password is set, and the
 * administrator api-service knows, so one credential scrapes every service.
 *
 * @param metricsUsername the read-only metrics user
 * @param metricsPassword its password; empty for no such user
 * @param adminUsername api-service's user ({@code MM_AUTH_USERNAME})
 * @param adminPassword its password ({@code MM_AUTH_PASSWORD})
 */
@ConfigurationProperties("mm.ops")
record OpsSettings(String metricsUsername, String metricsPassword, String adminUsername, String adminPassword) {}
