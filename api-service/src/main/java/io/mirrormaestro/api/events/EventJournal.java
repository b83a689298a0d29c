package io.mirrormaestro.api.events;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.activity.ActivityLog;
import io.mirrormaestro.api.batch.BatchProgress;
import io.mirrormaestro.api.command.CommandOutcomes;
import io.mirrormaestro.api.notification.Triggers;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads every event once for the whole system, in a consumer group that all api-service instances share and whose
 * committed offsets outlive them: events published while no api-service ran (a crash, a deploy) are still stored in
 * the activity log and still settle their batch lines when one starts again. {@link EventListener} reads the same
 * events live, from the newest, in a group of its own per instance, to push them to that instance's browsers; what
 * it already stored is skipped here. The journal stays a little behind ({@code mm.api.journal-lag}, 2 s) on
 * purpose, so that in the usual case the live listener has handled an event first and this costs one lookup per poll.
 */
@Component
class EventJournal {

    private final ActivityLog activity;
    private final BatchProgress batches;
    private final Triggers notifications;
    private final CommandOutcomes commands;

    private final Duration lag;

    EventJournal(
            ActivityLog activity,
            BatchProgress batches,
            Triggers notifications,
            CommandOutcomes commands,
            ApiSettings settings) {
        this.commands = commands;
        this.activity = activity;
        this.batches = batches;
        this.notifications = notifications;
        this.lag = settings.journalLag();
    }

    @KafkaListener(
            topics = Topics.EVENTS,
            groupId = "${mm.api.journal-consumer-group}",
            batch = "true",
            properties = "auto.offset.reset=${mm.api.journal-offset-reset}")
    void on(List<ConsumerRecord<String, Event>> records) throws InterruptedException {
        long newest =
                records.stream().mapToLong(ConsumerRecord::timestamp).max().orElse(0);
        long wait = newest + lag.toMillis() - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(Math.min(wait, lag.toMillis()));
        }
        List<Event> events = records.stream()
                .map(ConsumerRecord::value)
                .filter(Objects::nonNull) // unreadable: logged by the deserializer
                .toList();
        batches.on(activity.storeUnrecorded(events));
        // every event, recorded here or by the live listener: a record the store lost is settled from its event
        commands.settleFrom(events);
        // this group reads each event once for the whole system: notified here, nothing is sent twice
        notifications.on(events);
    }
}
