package io.mirrormaestro.api.activity;

import io.mirrormaestro.api.batch.BatchProgress;
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
    private final BatchProgress batches;

    EventListener(ActivityLog activity, BatchProgress batches) {
        this.activity = activity;
        this.batches = batches;
    }

    @KafkaListener(topics = Topics.EVENTS, groupId = "${mm.api.event-consumer-group}")
    void on(Event event) {
        activity.record(event);
        batches.on(event);
    }
}
