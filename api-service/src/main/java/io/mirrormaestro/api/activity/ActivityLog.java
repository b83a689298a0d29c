package io.mirrormaestro.api.activity;

import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.EventIds;
import io.mirrormaestro.common.store.BulkInserts;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/** Stores activity entries and pushes each to the browsers subscribed to this api-service instance. */
@Component
public class ActivityLog {

    public static final String TOPIC = "/topic/activity";

    private final MongoTemplate mongo;
    private final SimpMessagingTemplate browsers;

    ActivityLog(MongoTemplate mongo, SimpMessagingTemplate browsers) {
        this.mongo = mongo;
        this.browsers = browsers;
    }

    public void accepted(Command command) {
        record(new ActivityEntry(
                EventIds.of(command.commandId(), 0, "CommandAccepted"),
                command.commandId(),
                command.correlationId(),
                "CommandAccepted",
                command.typeName(),
                command.subjectId(),
                "accepted",
                command.typeName() + " accepted",
                Actor.current(),
                command.occurredAt()));
    }

    /** Stores events in one write (those already stored, by another instance or delivery, are left) and pushes each. */
    void record(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        List<ActivityEntry> entries = events.stream().map(ActivityLog::entryOf).toList();
        BulkInserts.insertNew(mongo, entries, ActivityEntry.class);
        entries.forEach(entry -> browsers.convertAndSend(TOPIC, entry));
    }

    private static ActivityEntry entryOf(Event event) {
        return new ActivityEntry(
                event.eventId(),
                event.commandId(),
                event.correlationId(),
                event.typeName(),
                event.commandType(),
                event.subjectId(),
                event.outcome().wireName(),
                event.summary(),
                null,
                event.occurredAt());
    }

    /**
     * Records a configuration change: who did what to which subject. {@code message} must never contain a secret.
     */
    public void configured(String subjectId, String message) {
        UUID id = UUID.randomUUID();
        record(new ActivityEntry(
                id,
                null,
                null,
                "ConfigurationChanged",
                null,
                subjectId,
                "succeeded",
                message,
                Actor.current(),
                Instant.now()));
    }

    private void record(ActivityEntry entry) {
        try {
            mongo.insert(entry);
        } catch (DuplicateKeyException alreadyStored) {
            // another api-service instance, or an earlier delivery, stored it; our browsers still need it
        }
        browsers.convertAndSend(TOPIC, entry);
    }
}
