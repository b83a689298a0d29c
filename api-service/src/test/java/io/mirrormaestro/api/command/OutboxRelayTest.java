package io.mirrormaestro.api.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mirrormaestro.api.ApiIntegrationTest;
import io.mirrormaestro.common.command.CheckInstance;
import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.kafka.Json;
import io.mirrormaestro.common.kafka.JsonSerde;
import io.mirrormaestro.common.kafka.Topics;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** A command accepted but never sent (Kafka away, or the process died mid-request) is sent by the relay, once. */
class OutboxRelayTest extends ApiIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void strandedCommandsArePublishedInOrderAndMarked() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Instant past = Instant.now().minusSeconds(60);
        strand(new CheckInstance(first, first, past, 41L), past);
        strand(new CheckInstance(second, second, past.plusMillis(1), 41L), past.plusMillis(1));

        List<UUID> seen = new ArrayList<>();
        try (KafkaConsumer<String, Command> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.COMMANDS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    // ours only: another class's check of an instance 41 may be on the topic too
                    if (r.value() != null
                            && List.of(first, second).contains(r.value().commandId())) {
                        seen.add(r.value().commandId());
                    }
                });
                return seen.size() >= 2;
            });
        }
        assertThat(seen).containsExactly(first, second);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(List.of(first, second)).allSatisfy(id -> assertThat(
                                mongo.findById(id, CommandRecord.class).published())
                        .isTrue()));
    }

    @Test
    void freshUnpublishedCommandsAreLeftToTheirRequest() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().plusSeconds(3600);
        strand(new CheckInstance(id, id, now, 42L), now);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        mongo.findById(id, CommandRecord.class).published())
                .isFalse());
    }

    private void strand(Command command, Instant acceptedAt) {
        mongo.insert(CommandRecord.accepted(
                command.commandId(),
                command.typeName(),
                command.subjectId(),
                Json.mapper().writeValueAsString(command),
                acceptedAt));
    }

    private static KafkaConsumer<String, Command> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.endpoints().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "outbox-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                JsonSerde.CommandDeserializer.class));
    }
}
