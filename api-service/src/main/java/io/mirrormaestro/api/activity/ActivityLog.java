package io.mirrormaestro.api.activity;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.CommandRetryScheduled;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.EventIds;
import io.mirrormaestro.common.event.InstanceChecked;
import io.mirrormaestro.common.event.MirrorChanged;
import io.mirrormaestro.common.store.BulkInserts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Stores activity entries and pushes each to the browsers subscribed to this api-service instance on {@link #TOPIC};
 * the subjects they touch are also reported to {@link EstateChanges}, which pushes them coalesced on
 * {@link EstateChanges#TOPIC} for views that show aggregates.
 */
@Component
public class ActivityLog {

    public static final String TOPIC = "/topic/activity";

    /** The actor of what no one asked for: the status refresh, sweeps, GitLab's own changes. */
    public static final String SYSTEM = "system";

    private final MongoTemplate mongo;
    private final SimpMessagingTemplate browsers;
    private final EstateChanges estate;

    ActivityLog(MongoTemplate mongo, SimpMessagingTemplate browsers, EstateChanges estate) {
        this.mongo = mongo;
        this.browsers = browsers;
        this.estate = estate;
    }

    public void accepted(Command command) {
        record(ActivityEntry.of(
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

    /**
     * Stores the events not stored yet (by the journal, another instance or an earlier delivery) in one write and
     * pushes every one of them to this instance's browsers.
     *
     * @return the events that were not stored before: only they still need handling (batch lines)
     */
    public List<Event> record(List<Event> events) {
        if (events.isEmpty()) {
            return events;
        }
        List<Event> unrecorded = storeUnrecorded(events);
        Map<UUID, String> actors = actorsOf(events);
        List<ActivityEntry> entries =
                events.stream().map(e -> entryOf(e, actors)).toList();
        entries.forEach(entry -> browsers.convertAndSend(TOPIC, entry));
        estate.touched(entries.stream().map(ActivityEntry::subjectId).toList());
        return unrecorded;
    }

    /**
     * Stores the events that are not in the log yet, without pushing them (the live listener of each instance pushes
     * to its own browsers).
     *
     * @return the events that were not stored before this call (stored now)
     */
    public List<Event> storeUnrecorded(List<Event> events) {
        if (events.isEmpty()) {
            return events;
        }
        Query known =
                Query.query(where("_id").in(events.stream().map(Event::eventId).toList()));
        known.fields().include("_id");
        Set<Object> stored = new HashSet<>();
        mongo.find(known, org.bson.Document.class, mongo.getCollectionName(ActivityEntry.class))
                .forEach(d -> stored.add(d.get("_id")));
        List<Event> unrecorded =
                events.stream().filter(e -> !stored.contains(e.eventId())).toList();
        Map<UUID, String> actors = actorsOf(unrecorded);
        BulkInserts.insertNew(
                mongo, unrecorded.stream().map(e -> entryOf(e, actors)).toList(), ActivityEntry.class);
        return unrecorded;
    }

    /**
     * Who asked for the commands these events report on: the actor of each command's acceptance (stored before the
     * command was published), in one query. An outcome is recorded under the same actor as its command, so the
     * activity filtered by a user shows what their commands did too.
     */
    private Map<UUID, String> actorsOf(List<Event> events) {
        List<UUID> commands = events.stream()
                .map(Event::commandId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        Map<UUID, String> actors = new HashMap<>();
        if (commands.isEmpty()) {
            return actors;
        }
        Query accepted =
                Query.query(where("command_id").in(commands).and("type").is("CommandAccepted"));
        accepted.fields().include("command_id").include("actor");
        mongo.find(accepted, org.bson.Document.class, mongo.getCollectionName(ActivityEntry.class))
                .forEach(d -> {
                    if (d.get("command_id") instanceof UUID id && d.getString("actor") != null) {
                        actors.put(id, d.getString("actor"));
                    }
                });
        return actors;
    }

    /** The entry for an event; work nobody asked for (the status refresh, sweeps) is the system's. */
    private static ActivityEntry entryOf(Event event, Map<UUID, String> actors) {
        return new ActivityEntry(
                event.eventId(),
                event.commandId(),
                event.correlationId(),
                event.typeName(),
                event.commandType(),
                event.subjectId(),
                event.outcome().wireName(),
                event.summary(),
                actors.getOrDefault(event.commandId(), SYSTEM),
                event.occurredAt(),
                attempt(event),
                error(event));
    }

    private static Integer attempt(Event event) {
        if (event instanceof CommandRetryScheduled e) {
            return e.attempt();
        }
        if (event instanceof CommandFailed e) {
            return e.attempt();
        }
        if (event instanceof MirrorChanged e) {
            return e.attempt();
        }
        return event instanceof InstanceChecked e ? e.attempt() : null;
    }

    private static String error(Event event) {
        if (event instanceof CommandRetryScheduled e) {
            return e.reason();
        }
        return event instanceof CommandFailed e ? e.reason() : null;
    }

    /** What happened to one command, oldest first: its acceptance and each attempt's outcome. */
    public List<ActivityEntry> ofCommand(UUID commandId) {
        return mongo.find(
                Query.query(where("command_id").is(commandId)).with(Sort.by(Sort.Direction.ASC, "occurred_at", "_id")),
                ActivityEntry.class);
    }

    /**
     * Records a configuration change: who did what to which subject. {@code message} must never contain a secret.
     */
    public void configured(String subjectId, String message) {
        UUID id = UUID.randomUUID();
        record(ActivityEntry.of(
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

    /** Type of the entry that says a batch of mirror work started. */
    public static final String BATCH_STARTED = "BatchStarted";

    /** Type of the entry that says a batch ended (completed or cancelled). */
    public static final String BATCH_FINISHED = "BatchFinished";

    /**
     * Records that a batch (an import or an operation over a selection) was started by whoever makes the current
     * request: subject {@code batch:<id>}, outcome {@code accepted}. The entry's id derives from the batch, so it is
     * stored once.
     */
    public void batchStarted(String batchId, String message, Instant at) {
        record(batchEntry(batchId, BATCH_STARTED, "accepted", message, Actor.current(), at));
    }

    /**
     * Records that a batch ended: outcome {@code failed} when any of its lines failed, else {@code succeeded}, under
     * the actor who started it (as its commands' outcomes are). The entry's id derives from the batch, so it is
     * stored once however often the end is reported.
     */
    public void batchFinished(String batchId, boolean anyLineFailed, String message, Instant at) {
        ActivityEntry started = mongo.findById(batchEntryId(batchId, BATCH_STARTED), ActivityEntry.class);
        String actor = started == null || started.actor() == null ? SYSTEM : started.actor();
        record(batchEntry(batchId, BATCH_FINISHED, anyLineFailed ? "failed" : "succeeded", message, actor, at));
    }

    private static ActivityEntry batchEntry(
            String batchId, String type, String outcome, String message, String actor, Instant at) {
        return ActivityEntry.of(
                batchEntryId(batchId, type), null, null, type, null, "batch:" + batchId, outcome, message, actor, at);
    }

    private static UUID batchEntryId(String batchId, String type) {
        return UUID.nameUUIDFromBytes(("batch/" + batchId + "/" + type).getBytes(StandardCharsets.UTF_8));
    }

    private void record(ActivityEntry entry) {
        try {
            mongo.insert(entry);
        } catch (DuplicateKeyException alreadyStored) {
            // another api-service instance, or an earlier delivery, stored it; our browsers still need it
        }
        browsers.convertAndSend(TOPIC, entry);
        estate.touched(List.of(entry.subjectId()));
    }
}
