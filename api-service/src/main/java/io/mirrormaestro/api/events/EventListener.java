package io.mirrormaestro.api.events;

import io.mirrormaestro.api.activity.ActivityLog;
import io.mirrormaestro.api.batch.BatchProgress;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.kafka.Topics;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Every api-service instance reads every event live (its own consumer group, from the newest), so each can push to
 * its own browsers; storing is idempotent, so the log holds each event once. What this listener misses while its
 * instance is down, {@link EventJournal} catches up on.
 */
@Component
class EventListener {

    private final ActivityLog activity;
    private final BatchProgress batches;

    EventListener(ActivityLog activity, BatchProgress batches) {
        this.activity = activity;
        this.batches = batches;
    }

    /** Events come in polled batches, so the activity log and batch progress are written in bulk. */
    @KafkaListener(topics = Topics.EVENTS, groupId = "${mm.api.event-consumer-group}", batch = "true")
    void on(List<ConsumerRecord<String, Event>> records) {
        List<Event> events = records.stream()
                .map(ConsumerRecord::value)
                .filter(Objects::nonNull) // unreadable: logged by the deserializer, nothing to show
                .toList();
        // what the journal already stored it has handled too: only the rest moves batch lines here
        batches.on(activity.record(events));
    }
}
