package io.mirrormaestro.api.jobs;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.BatchLineRef;
import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.kafka.ContractUpgrade;
import io.mirrormaestro.common.store.CommandRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.StorageProvider;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Retries waiting for their time, soonest first. The command record is the one place that says a retry waits, when
 * and after which error (the worker writes it in the same step that schedules the JobRunr job), so it is read here
 * rather than JobRunr's job, which knows only the command's id.
 */
@Component
class ScheduledRetries {

    private final MongoTemplate mongo;
    private final StorageProvider jobRunr;
    private final Clock clock;

    ScheduledRetries(MongoTemplate mongo, StorageProvider jobRunr, Clock clock) {
        this.mongo = mongo;
        this.jobRunr = jobRunr;
        this.clock = clock;
        mongo.indexOps(CommandRecord.class)
                .createIndex(new Index().on("status", Sort.Direction.ASC).on("next_attempt_at", Sort.Direction.ASC));
    }

    /**
     * @param total retries waiting
     * @param jobrunrScheduled every job JobRunr holds as scheduled: these retries' jobs, besides sync follow-ups and
     *     take-overs of commands whose worker stopped
     */
    record Page(
            List<ScheduledRetry> retries, long total, int page, int pageSize, long totalPages, long jobrunrScheduled) {}

    /**
     * @param attempt the attempt that will run ({@code attempts_made} + 1)
     * @param overdue its time has passed and no worker took it yet (workers busy, or none running)
     */
    record ScheduledRetry(
            UUID commandId,
            String type,
            String subjectId,
            Long mirrorId,
            String batchId,
            int attempt,
            int attemptsMade,
            Instant scheduledAt,
            boolean overdue,
            String lastError,
            Instant acceptedAt) {}

    Page page(int page, int pageSize) {
        Query waiting = new Query(where("status").is(CommandStatus.RETRY_SCHEDULED));
        long total = mongo.count(waiting, CommandRecord.class);
        waiting.with(Sort.by("next_attempt_at", "_id"))
                .skip((long) (page - 1) * pageSize)
                .limit(pageSize);
        Instant now = clock.instant();
        List<ScheduledRetry> retries = mongo.find(waiting, CommandRecord.class).stream()
                .map(r -> view(r, now))
                .toList();
        return new Page(
                retries,
                total,
                page,
                pageSize,
                (total + pageSize - 1) / pageSize,
                jobRunr.countJobs(StateName.SCHEDULED));
    }

    private static ScheduledRetry view(CommandRecord r, Instant now) {
        Command command = command(r.payload());
        BatchLineRef batch = command == null ? null : command.batchLine();
        return new ScheduledRetry(
                r.id(),
                r.type(),
                r.subjectId(),
                command instanceof MirrorCommand m ? m.mirrorId() : null,
                batch == null ? null : batch.batchId(),
                r.attempts() + 1,
                r.attempts(),
                r.nextAttemptAt(),
                r.nextAttemptAt() != null && r.nextAttemptAt().isBefore(now),
                r.lastError(),
                r.acceptedAt());
    }

    private static Command command(String payload) {
        try {
            return payload == null ? null : ContractUpgrade.command(payload);
        } catch (RuntimeException unreadable) {
            return null; // written by another version: the stored fields still tell the state
        }
    }
}
