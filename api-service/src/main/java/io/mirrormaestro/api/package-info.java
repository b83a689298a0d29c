/**
 * api-service: the REST API of Mirror Maestro, the publisher of its commands, its activity log and its WebSocket
 * push. Each sub-package is one feature or one piece of plumbing; none of them depends on another in a cycle (see
 * {@code ArchitectureTest}). Here: the application, its settings ({@link io.mirrormaestro.api.ApiSettings}) and the
 * Kafka producer and listener settings.
 */
package io.mirrormaestro.api;
