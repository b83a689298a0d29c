package io.mirrormaestro.api.notification;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.Subjects;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.GitLabVerdict;
import io.mirrormaestro.common.event.MirrorChanged;
import io.mirrormaestro.common.event.MirrorStatusRefreshed;
import io.mirrormaestro.common.event.MirrorSyncFinished;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.common.store.PairRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Turns events into pending items for the rules they match. Called by the event journal, which reads each event
 * once for the whole system; an event read again (after a crash) lands on the same item ids and waits once.
 *
 * <p>What an event means comes from the mirror's outcome: a failed command or a failed GitLab sync counts towards the
 * mirror's run of consecutive failures ({@code notification_streaks}), a finished sync ends it (recovered), a stuck
 * sync and GitLab's pause are reported as such; a failed instance check is the instance unreachable.
 */
@Component
public class Triggers {

    private static final Logger log = LoggerFactory.getLogger(Triggers.class);
    static final String STREAKS = "notification_streaks";
    private static final int REMEMBERED = 100;

    private final MongoTemplate mongo;
    private final Rules rules;
    private final Clock clock;

    Triggers(MongoTemplate mongo, Rules rules, Clock clock) {
        this.mongo = mongo;
        this.rules = rules;
        this.clock = clock;
    }

    /** Never throws: notifications must not hold up the activity log. */
    public void on(List<Event> events) {
        try {
            List<RuleRecord> enabled = rules.enabled();
            if (enabled.isEmpty()) {
                return;
            }
            Map<Long, Scope> scopes = scopes(events);
            List<Happening> happenings = new ArrayList<>();
            for (Event event : events) {
                classify(event, scopes).ifPresent(happenings::add);
            }
            record(happenings, enabled);
        } catch (RuntimeException e) {
            log.warn("notifications could not read {} events: {}", events.size(), e.toString());
        }
    }

    void record(List<Happening> happenings, List<RuleRecord> enabled) {
        for (Happening h : happenings) {
            for (RuleRecord rule : enabled) {
                if (h.matches(rule)) {
                    String id = rule.id() + "/" + h.key();
                    mongo.upsert(
                            Query.query(where("_id").is(id)),
                            new Update()
                                    .setOnInsert("rule_id", rule.id())
                                    .setOnInsert("kind", h.kind().wire())
                                    .setOnInsert("subject", h.subject())
                                    .setOnInsert("text", h.text())
                                    .setOnInsert("occurred_at", h.occurredAt())
                                    .setOnInsert("created_at", clock.instant()),
                            PendingItem.class);
                }
            }
        }
    }

    private Optional<Happening> classify(Event event, Map<Long, Scope> scopes) {
        if (event instanceof CommandFailed failed) {
            OptionalLong instanceId = Subjects.instanceOf(failed.subjectId());
            OptionalLong mirrorId = Subjects.mirrorOf(failed.subjectId());
            if (instanceId.isPresent()) {
                long instance = instanceId.getAsLong();
                return Optional.of(new Happening(
                        Trigger.INSTANCE_UNREACHABLE,
                        event.eventId().toString(),
                        failed.subjectId(),
                        "GitLab instance " + instance + " unreachable: " + failed.reason(),
                        event.occurredAt(),
                        pairsOf(instance),
                        List.of(),
                        0));
            }
            if (mirrorId.isPresent()) {
                long mirror = mirrorId.getAsLong();
                String reason = failed.reason() == null ? "" : failed.reason();
                if (reason.toLowerCase(Locale.ROOT).contains("on pause")) {
                    return mirror(event, scopes, mirror, Trigger.MIRROR_PAUSED, failed.summary(), 0);
                }
                return failure(event, scopes, mirror, failed.summary());
            }
            return Optional.empty();
        }
        GitLabVerdict verdict = event instanceof MirrorStatusRefreshed refreshed
                ? refreshed.verdict()
                : event instanceof MirrorSyncFinished finished ? finished.verdict() : null;
        if (verdict != null) {
            MirrorChanged changed = (MirrorChanged) event;
            String detail = changed.detail() == null ? "" : changed.detail();
            switch (verdict) {
                case STUCK -> {
                    return mirror(event, scopes, changed.mirrorId(), Trigger.MIRROR_STUCK, detail, 0);
                }
                case FAILED -> {
                    return failure(event, scopes, changed.mirrorId(), detail);
                }
                case UP_TO_DATE -> {
                    int ended = endStreak(changed.mirrorId());
                    return ended == 0
                            ? Optional.empty()
                            : mirror(event, scopes, changed.mirrorId(), Trigger.MIRROR_RECOVERED, detail, ended);
                }
                case OTHER -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Happening> failure(Event event, Map<Long, Scope> scopes, long mirror, String text) {
        int streak = countFailure(mirror, event.eventId().toString());
        return mirror(event, scopes, mirror, Trigger.MIRROR_FAILED, text, streak);
    }

    private static Optional<Happening> mirror(
            Event event, Map<Long, Scope> scopes, long mirrorId, Trigger kind, String text, int streak) {
        Scope scope = scopes.getOrDefault(mirrorId, Scope.NONE);
        return Optional.of(new Happening(
                kind,
                event.eventId().toString(),
                Subjects.mirror(mirrorId),
                text,
                event.occurredAt(),
                scope.pairs(),
                scope.paths(),
                streak));
    }

    /** The pair and project paths a scoped rule matches a mirror by. */
    private record Scope(List<Long> pairs, List<String> paths) {
        static final Scope NONE = new Scope(List.of(), List.of());
    }

    /** The scopes of the mirrors a poll's events concern, read at once (an outage's events come by thousands). */
    private Map<Long, Scope> scopes(List<Event> events) {
        Set<Long> ids = new HashSet<>();
        for (Event event : events) {
            if (event instanceof MirrorChanged changed) {
                ids.add(changed.mirrorId());
            } else if (event instanceof CommandFailed failed) {
                Subjects.mirrorOf(failed.subjectId()).ifPresent(ids::add);
            }
        }
        Map<Long, Scope> scopes = new HashMap<>();
        if (ids.isEmpty()) {
            return scopes;
        }
        Query query = Query.query(where("_id").in(ids));
        query.fields().include("instance_pair_id", "source_project_path", "target_project_path");
        for (org.bson.Document d : mongo.find(query, org.bson.Document.class, MirrorCollection.NAME)) {
            List<String> paths = new ArrayList<>();
            for (String field : List.of("source_project_path", "target_project_path")) {
                if (d.getString(field) != null) {
                    paths.add(d.getString(field));
                }
            }
            Number pair = (Number) d.get("instance_pair_id");
            scopes.put(
                    ((Number) d.get("_id")).longValue(),
                    new Scope(pair == null ? List.of() : List.of(pair.longValue()), paths));
        }
        return scopes;
    }

    /**
     * The mirror's run of failures with this one; an event counted already (read again after a crash, with the
     * events around it) is not counted twice: the run keeps the ids of its latest {@value #REMEMBERED} events.
     */
    private int countFailure(long mirror, String eventId) {
        Update update = new Update().inc("failures", 1);
        update.push("events").slice(-REMEMBERED).each(eventId);
        try {
            org.bson.Document after = mongo.findAndModify(
                    Query.query(where("_id").is(mirror).and("events").ne(eventId)),
                    update,
                    FindAndModifyOptions.options().upsert(true).returnNew(true),
                    org.bson.Document.class,
                    STREAKS);
            return after == null ? -1 : ((Number) after.get("failures")).intValue();
        } catch (DuplicateKeyException alreadyCounted) {
            return -1; // no threshold is crossed again
        }
    }

    /** Ends the mirror's run of failures; how long it was (0: it was not failing). */
    private int endStreak(long mirror) {
        org.bson.Document before =
                mongo.findAndRemove(Query.query(where("_id").is(mirror)), org.bson.Document.class, STREAKS);
        return before == null ? 0 : ((Number) before.get("failures")).intValue();
    }

    List<Long> pairsOf(long instance) {
        Query query = Query.query(new Criteria()
                .orOperator(
                        where("source_instance_id").is(instance),
                        where("target_instance_id").is(instance)));
        query.fields().include("_id");
        return mongo.find(query, org.bson.Document.class, PairRecord.COLLECTION).stream()
                .map(d -> ((Number) d.get("_id")).longValue())
                .toList();
    }
}
