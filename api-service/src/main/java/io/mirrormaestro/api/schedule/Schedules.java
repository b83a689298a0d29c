package io.mirrormaestro.api.schedule;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.activity.ActivityLog;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Sync schedules: setting and clearing them per level, and how they resolve for a pair, group or mirror. */
@Component
public class Schedules {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ActivityLog activity;

    Schedules(MongoTemplate mongo, Clock clock, ActivityLog activity) {
        this.mongo = mongo;
        this.clock = clock;
        this.activity = activity;
    }

    /** Where an entry goes: its key, level, pair, group or mirror, a readable name and the activity subject. */
    record Target(String id, String scope, long pairId, String groupPath, Long mirrorId, String name, String subject) {}

    Map<String, ScheduleRecord> ofPair(long pairId) {
        return mongo.find(Query.query(where("instance_pair_id").is(pairId)), ScheduleRecord.class).stream()
                .collect(Collectors.toMap(ScheduleRecord::id, Function.identity()));
    }

    List<ScheduleRecord> all(Long pairId) {
        Query query = new Query().with(Sort.by("instance_pair_id", "_id"));
        if (pairId != null) {
            query.addCriteria(where("instance_pair_id").is(pairId));
        }
        return mongo.find(query, ScheduleRecord.class);
    }

    /**
     * Sets the entry at {@code target}'s level: a schedule, or "none" ({@code schedule} null). Its next run is counted
     * from now; a firing already claimed still finishes.
     */
    ScheduleRecord set(Target target, CronSchedule schedule) {
        Instant now = clock.instant();
        Update update = new Update()
                .set("scope", target.scope())
                .set("instance_pair_id", target.pairId())
                .set("group_path", target.groupPath())
                .set("mirror_id", target.mirrorId())
                .set("name", target.name())
                .set("cron", schedule == null ? null : schedule.cron())
                .set("time_zone", schedule == null ? null : schedule.zone().getId())
                .set("next_run_at", schedule == null ? null : schedule.next(now))
                .set("updated_at", now)
                .setOnInsert("created_at", now);
        mongo.upsert(Query.query(where("_id").is(target.id())), update, ScheduleRecord.class);
        activity.configured(
                target.subject(),
                "set the sync schedule of " + target.name() + " to "
                        + (schedule == null ? "none" : "'" + schedule.cron() + "' (" + schedule.zone() + ")"));
        return mongo.findById(target.id(), ScheduleRecord.class);
    }

    /** Removes the entry at {@code target}'s level, so it inherits again; whether there was one. */
    boolean clear(Target target) {
        boolean removed = mongo.remove(Query.query(where("_id").is(target.id())), ScheduleRecord.class)
                        .getDeletedCount()
                > 0;
        if (removed) {
            activity.configured(target.subject(), "removed the sync schedule of " + target.name());
        }
        return removed;
    }

    /**
     * The schedule fields of a pair, group or mirror: what its own level says ({@code own_sync_schedule}: null
     * inherits, {@code {"none": true}} switches off), what applies ({@code sync_schedule}, null for none), where
     * that comes from ({@code schedule_source}), and the governing entry's next and last run.
     */
    static Map<String, Object> view(ScheduleRecord own, ScheduleRecord governing) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("own_sync_schedule", own == null ? null : spec(own));
        body.put("sync_schedule", governing == null || governing.none() ? null : spec(governing));
        body.put("schedule_source", governing == null ? null : governing.source());
        body.put("schedule_id", governing == null ? null : governing.id());
        body.put("next_scheduled_sync_at", governing == null ? null : governing.nextRunAt());
        body.put("last_scheduled_sync_at", governing == null ? null : governing.lastRunAt());
        body.put("last_scheduled_batch_id", governing == null ? null : governing.lastBatchId());
        return body;
    }

    static Map<String, Object> spec(ScheduleRecord entry) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (entry.none()) {
            spec.put("none", true);
        } else {
            spec.put("cron", entry.cron());
            spec.put("time_zone", entry.timeZone());
        }
        return spec;
    }

    /** For the effective-settings explorer: the schedule a new mirror of these projects in this pair would follow. */
    public Map<String, Object> forNewMirror(long pairId, String sourceProjectPath, String targetProjectPath) {
        Map<String, Object> body = view(
                null, ScheduleResolution.forMirror(ofPair(pairId), pairId, null, sourceProjectPath, targetProjectPath));
        body.remove("own_sync_schedule");
        return body;
    }
}
