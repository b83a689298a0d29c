/**
 * What operators watch api-service through: the gauges Prometheus scrapes at {@code /actuator/prometheus} (outbox
 * backlog, running batches, WebSocket sessions; the counters live where their events happen) and the names README.md
 * documents under "Metrics".
 */
package io.mirrormaestro.api.ops;
