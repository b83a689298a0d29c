package io.mirrormaestro.api.schedule;

import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.common.store.MirrorRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A sync schedule per pair, group (by its group defaults) and mirror: {@code GET} what applies and where it comes
 * from, {@code PUT} a cron expression and time zone or {@code {"none": true}}, {@code DELETE} to inherit again; and
 * every entry with its next and last run at {@code /api/schedules}.
 */
@RestController
class ScheduleController {

    private final Schedules schedules;
    private final ScheduleTargets targets;

    ScheduleController(Schedules schedules, ScheduleTargets targets) {
        this.schedules = schedules;
        this.targets = targets;
    }

    /**
     * @param cron five fields (minute hour day-of-month month day-of-week, as crontab) or six (seconds first)
     * @param timeZone IANA time zone the expression is read in; UTC when absent
     * @param none true for "no schedule" at this level, switching off one inherited
     */
    record ScheduleBody(String cron, String timeZone, Boolean none) {}

    @GetMapping("/api/schedules")
    List<Map<String, Object>> list(@RequestParam(name = "instance_pair_id", required = false) Long pairId) {
        return schedules.all(pairId).stream().map(ScheduleController::entry).toList();
    }

    @GetMapping("/api/pairs/{id}/schedule")
    Map<String, Object> pair(@PathVariable long id) {
        return pairView(targets.ofPair(id));
    }

    @PutMapping("/api/pairs/{id}/schedule")
    Map<String, Object> setPair(@PathVariable long id, @RequestBody ScheduleBody body) {
        Schedules.Target target = targets.ofPair(id);
        schedules.set(target, parse(body));
        return pairView(target);
    }

    @DeleteMapping("/api/pairs/{id}/schedule")
    Map<String, Object> clearPair(@PathVariable long id) {
        Schedules.Target target = targets.ofPair(id);
        schedules.clear(target);
        return pairView(target);
    }

    @GetMapping("/api/group-defaults/{id}/schedule")
    Map<String, Object> group(@PathVariable long id) {
        return groupView(targets.ofGroup(id));
    }

    @PutMapping("/api/group-defaults/{id}/schedule")
    Map<String, Object> setGroup(@PathVariable long id, @RequestBody ScheduleBody body) {
        Schedules.Target target = targets.ofGroup(id);
        schedules.set(target, parse(body));
        return groupView(target);
    }

    @DeleteMapping("/api/group-defaults/{id}/schedule")
    Map<String, Object> clearGroup(@PathVariable long id) {
        Schedules.Target target = targets.ofGroup(id);
        schedules.clear(target);
        return groupView(target);
    }

    @GetMapping("/api/mirrors/{id}/schedule")
    Map<String, Object> mirror(@PathVariable long id) {
        return mirrorView(id);
    }

    @PutMapping("/api/mirrors/{id}/schedule")
    Map<String, Object> setMirror(@PathVariable long id, @RequestBody ScheduleBody body) {
        CronSchedule schedule = parse(body);
        schedules.set(targets.ofMirror(id), schedule);
        return mirrorView(id);
    }

    @DeleteMapping("/api/mirrors/{id}/schedule")
    Map<String, Object> clearMirror(@PathVariable long id) {
        schedules.clear(targets.ofMirror(id));
        return mirrorView(id);
    }

    /** A schedule, or null for "none"; refuses a body that says neither or both, naming the field. */
    static CronSchedule parse(ScheduleBody body) {
        if (body == null) {
            throw new UnprocessableException("cron", "must not be blank");
        }
        if (Boolean.TRUE.equals(body.none())) {
            if (body.cron() != null && !body.cron().isBlank()) {
                throw new UnprocessableException("none", "give either a cron expression or none=true, not both");
            }
            return null;
        }
        return CronSchedule.parse(body.cron(), body.timeZone());
    }

    private Map<String, Object> pairView(Schedules.Target target) {
        Map<String, ScheduleRecord> entries = schedules.ofPair(target.pairId());
        return Schedules.view(entries.get(target.id()), entries.get(target.id()));
    }

    private Map<String, Object> groupView(Schedules.Target target) {
        Map<String, ScheduleRecord> entries = schedules.ofPair(target.pairId());
        return Schedules.view(
                entries.get(target.id()), ScheduleResolution.forGroup(entries, target.pairId(), target.groupPath()));
    }

    private Map<String, Object> mirrorView(long id) {
        MirrorRecord mirror = targets.mirror(id);
        Map<String, ScheduleRecord> entries = schedules.ofPair(mirror.instancePairId());
        return Schedules.view(
                entries.get(ScheduleRecord.mirrorKey(id)),
                ScheduleResolution.forMirror(
                        entries,
                        mirror.instancePairId(),
                        mirror.id(),
                        mirror.sourceProjectPath(),
                        mirror.targetProjectPath()));
    }

    private static Map<String, Object> entry(ScheduleRecord r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", r.id());
        body.put("scope", r.scope());
        body.put("instance_pair_id", r.instancePairId());
        body.put("group_path", r.groupPath());
        body.put("mirror_id", r.mirrorId());
        body.put("name", r.name());
        body.put("sync_schedule", Schedules.spec(r));
        body.put("schedule_source", r.source());
        body.put("next_scheduled_sync_at", r.nextRunAt());
        body.put("last_scheduled_sync_at", r.lastRunAt());
        body.put("last_scheduled_batch_id", r.lastBatchId());
        body.put("last_outcome", r.lastOutcome());
        body.put("updated_at", r.updatedAt());
        return body;
    }
}
