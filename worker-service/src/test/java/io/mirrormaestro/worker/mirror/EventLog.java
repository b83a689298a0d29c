package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.kafka.JsonSerde;
import io.mirrormaestro.common.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Every outcome event the workers publish, read back from Kafka as api-service would. */
final class EventLog {

    private static final List<Event> EVENTS = new CopyOnWriteArrayList<>();
    private static Thread reader;

    private EventLog() {}

    static synchronized void start(String bootstrapServers) {
        if (reader != null) {
            return;
        }
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "mirror-test-events-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                JsonSerde.EventDeserializer.class);
        reader = new Thread(
                () -> {
                    try (KafkaConsumer<String, Event> consumer = new KafkaConsumer<>(config)) {
                        consumer.subscribe(List.of(Topics.EVENTS));
                        while (!Thread.currentThread().isInterrupted()) {
                            consumer.poll(Duration.ofMillis(200)).forEach(r -> EVENTS.add(r.value()));
                        }
                    } catch (org.apache.kafka.common.errors.InterruptException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "mirror-test-events");
        reader.setDaemon(true);
        reader.start();
    }

    static List<Event> forSubject(String subjectId) {
        return EVENTS.stream().filter(e -> e.subjectId().equals(subjectId)).toList();
    }

    static List<Event> forCommand(UUID commandId) {
        return EVENTS.stream().filter(e -> e.commandId().equals(commandId)).toList();
    }
}
