package io.mirrormaestro.worker.command;

import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.kafka.Topics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes outcome events and waits for the broker's acknowledgement before the command moves on; when Kafka does
 * not take one, the attempt is abandoned ({@link Outages}), never recorded without its event.
 */
@Component
public class EventPublisher {

    private final KafkaTemplate<String, Event> kafka;

    EventPublisher(KafkaTemplate<String, Event> kafka) {
        this.kafka = kafka;
    }

    public void publish(Event event) {
        try {
            kafka.send(Topics.EVENTS, event.subjectId(), event).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException("interrupted while publishing " + event.typeName(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EventNotPublishedException("cannot publish " + event.typeName(), e);
        }
    }
}
