/**
 * Commands: the one way a command leaves api-service ({@link io.mirrormaestro.api.command.CommandGateway}, an outbox
 * in MongoDB then Kafka, with {@link io.mirrormaestro.api.command.OutboxRelay} for what did not reach the broker) and
 * {@code GET /api/commands/{id}} to follow one.
 */
package io.mirrormaestro.api.command;
