/**
 * How the contract travels: the two topic names ({@link io.mirrormaestro.common.kafka.Topics}) and the bean that
 * declares them with the shared clock ({@link io.mirrormaestro.common.kafka.SharedConfiguration}), the one JSON shape
 * (snake_case, unknown fields ignored, {@link io.mirrormaestro.common.kafka.Json}) and the Kafka serializers the
 * services name in their configuration ({@link io.mirrormaestro.common.kafka.JsonSerde}).
 */
package io.mirrormaestro.common.kafka;
