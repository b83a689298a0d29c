/**
 * The original tool's health checks, {@code GET /api/health} (MongoDB, Kafka, workers, mirrors, tokens, and with
 * {@code check_instances=true} each GitLab instance) and the cheap {@code GET /api/health/quick}. Both need
 * credentials like every {@code /api} path; {@code /actuator/health} stays open for load balancers.
 */
package io.mirrormaestro.api.health;
