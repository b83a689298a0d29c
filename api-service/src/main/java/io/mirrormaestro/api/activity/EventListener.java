package io.mirrormaestro.api.activity;

import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.kafka.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Every api-service instance reads every event (its own consumer group), so each can push to its own browsers;
 * storing is idempotent, so the log holds each event once.
 */
@Component
class EventListener {

    private final ActivityLog activity;

    EventListener(ActivityLog activity) {
        this.activity = activity;
    }

    @KafkaListener(topics = Topics.EVENTS, groupId = "${mm.api.event-consumer-group}")
    void on(Event event) {
        activity.record(event);
    }
}
