/**
 * What operators watch the worker through: {@code /actuator} on its own small HTTP port (metrics for Prometheus,
 * liveness and readiness probes), with the read-only metrics credential.
 */
package io.mirrormaestro.worker.ops;
