package io.mirrormaestro.api.dashboard;

import io.mirrormaestro.api.activity.ActivityEntry;
import io.mirrormaestro.api.activity.ActivityFacets;
import io.mirrormaestro.api.estate.EstateReads;
import io.mirrormaestro.common.command.Subjects;
import io.mirrormaestro.common.store.MirrorCollection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The dashboard's view of the activity log: the latest outcomes on mirrors, and how many succeeded and failed in each
 * of the last 24 hours. The hours are counted by grouping on the entries' {@code occurred_hour} and {@code
 * subject_type} (see {@link ActivityFacets}), which one index holds, so no entry of the day is read.
 */
@Component
class ActivityDigest {

    private static final String MIRROR = "mirror";
    private static final List<String> OUTCOMES = List.of("succeeded", "failed");

    private final MongoTemplate mongo;
    private final EstateReads reads;

    ActivityDigest(MongoTemplate mongo, EstateReads reads) {
        this.mongo = mongo;
        this.reads = reads;
    }

    /** The newest outcomes of commands on mirrors within the last 24 hours, newest first. */
    List<Dashboard.Activity> recent(Instant now) {
        Query latest = Query.query(Criteria.where("occurred_at")
                        .gte(now.minus(Dashboard.RECENT_WINDOW))
                        .and(ActivityFacets.SUBJECT_TYPE)
                        .is(MIRROR)
                        .and("outcome")
                        .in(OUTCOMES))
                .with(Sort.by(Sort.Order.desc("occurred_at"), Sort.Order.desc("_id")))
                .limit(Dashboard.RECENT);
        List<ActivityEntry> entries = mongo.find(latest, ActivityEntry.class);
        List<Long> ids = entries.stream().map(e -> mirrorId(e.subjectId())).toList();
        Map<Long, String> projects = new HashMap<>();
        Query named = Query.query(Criteria.where("_id").in(ids));
        named.fields().include("source_project_path");
        mongo.find(named, Document.class, MirrorCollection.NAME)
                .forEach(d -> projects.put(EstateReads.number(d, "_id"), d.getString("source_project_path")));
        List<Dashboard.Activity> activity = new ArrayList<>();
        for (ActivityEntry e : entries) {
            Long id = mirrorId(e.subjectId());
            String[] kind = kind(e);
            activity.add(new Dashboard.Activity(
                    id,
                    // a mirror deleted since: its subject still says which one
                    projects.getOrDefault(id, e.subjectId()),
                    kind[0],
                    kind[1],
                    timeAgo(Duration.between(e.occurredAt(), now)),
                    e.outcome(),
                    e.occurredAt(),
                    String.valueOf(e.id()),
                    e.subjectId(),
                    e.commandType(),
                    e.message()));
        }
        return activity;
    }

    /** Outcomes of commands on mirrors, per hour of the last 24 (the current hour last). */
    List<Dashboard.HourOutcomes> syncOutcomes(Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant start = end.minus(24, ChronoUnit.HOURS);
        Map<Instant, long[]> byHour = new HashMap<>();
        reads.aggregate(
                        ActivityFacets.COLLECTION,
                        List.of(
                                new Document(
                                        "$match",
                                        new Document(
                                                ActivityFacets.OCCURRED_HOUR,
                                                new Document("$gte", Date.from(start)).append("$lt", Date.from(end)))),
                                new Document(
                                        "$group",
                                        new Document(
                                                        "_id",
                                                        new Document("h", "$" + ActivityFacets.OCCURRED_HOUR)
                                                                .append("k", "$" + ActivityFacets.SUBJECT_TYPE)
                                                                .append("o", "$outcome"))
                                                .append("n", new Document("$sum", 1)))))
                .forEach(d -> {
                    Document key = (Document) d.get("_id");
                    int outcome = OUTCOMES.indexOf(key.getString("o"));
                    if (MIRROR.equals(key.getString("k")) && outcome >= 0 && key.get("h") instanceof Date hour) {
                        byHour.computeIfAbsent(hour.toInstant(), h -> new long[2])[outcome] +=
                                EstateReads.number(d, "n");
                    }
                });
        List<Dashboard.HourOutcomes> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            Instant hour = start.plus(h, ChronoUnit.HOURS);
            long[] n = byHour.getOrDefault(hour, new long[2]);
            hours.add(new Dashboard.HourOutcomes(hour, n[0], n[1]));
        }
        return hours;
    }

    private static Long mirrorId(String subjectId) {
        OptionalLong id = Subjects.mirrorOf(subjectId);
        return id.isPresent() ? id.getAsLong() : null;
    }

    /** The original's activity types and icons: created, synced, failed, updated. */
    private static String[] kind(ActivityEntry e) {
        if ("failed".equals(e.outcome())) {
            return new String[] {"failed", "✗"};
        }
        if ("CreateMirror".equals(e.commandType()) || "ImportMirrorLine".equals(e.commandType())) {
            return new String[] {"created", "✨"};
        }
        if ("SyncMirror".equals(e.commandType())) {
            return new String[] {"synced", "✓"};
        }
        return new String[] {"updated", "↻"};
    }

    static String timeAgo(Duration age) {
        long s = Math.max(0, age.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        return s < 86400 ? s / 3600 + "h" : s / 86400 + "d";
    }
}
