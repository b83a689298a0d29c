package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.event.MirrorSyncFinished;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.worker.WorkerSettings;
import io.mirrormaestro.worker.command.CommandRejectedException;
import io.mirrormaestro.worker.command.EventPublisher;
import io.mirrormaestro.worker.gitlab.GitLabFailure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.gitlab4j.api.GitLabApiException;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Learns how a sync we asked GitLab for ended. Right after the request GitLab only says {@code scheduled}; a
 * {@link SyncFollowUp} job reads the mirror again a little later (one GitLab read, through the instance's gateway
 * and its limits), and again with a doubling delay while GitLab still reports the sync as scheduled, started or
 * waiting to retry, until {@code MM_SYNC_FOLLOW_UP_MAX} after the request. Its end (finished, failed or anything
 * else) is recorded as verify records it and published as a {@link MirrorSyncFinished} of the
 * requesting command, only when it differs from what the mirror's record says.
 *
 * <p>A mirror has one follow-up at a time: the request records its command as the mirror's follow-up, and a read
 * whose command is no longer it (a newer sync), or whose mirror was deleted, disabled or lost in GitLab meanwhile,
 * ends quietly. Stuck syncs are left to verify.
 */
@Component
class SyncFollowUps {

    private static final Logger log = LoggerFactory.getLogger(SyncFollowUps.class);

    private final MirrorStore store;
    private final MirrorContexts contexts;
    private final EventPublisher events;
    private final JobRequestScheduler jobs;
    private final WorkerSettings.SyncFollowUp settings;
    private final Clock clock;

    SyncFollowUps(
            MirrorStore store,
            MirrorContexts contexts,
            EventPublisher events,
            JobRequestScheduler jobs,
            WorkerSettings settings,
            Clock clock) {
        this.store = store;
        this.contexts = contexts;
        this.events = events;
        this.jobs = jobs;
        this.settings = settings.syncFollowUp();
        this.clock = clock;
    }

    /**
     * Records that GitLab accepted the context's sync request, with {@code status} as GitLab's status for now, and
     * schedules the first read of how it ends; a pending follow-up of an earlier request is replaced. The record is
     * the command's last write to the mirror and releases its lock.
     */
    void syncRequested(MirrorContext context, String status) {
        Instant now = clock.instant();
        store.recordSyncRequested(context.id(), status, context.command().commandId(), now);
        if (!settings.enabled() || context.command().batchLine() != null) {
            // a batch line is not followed up one by one: a batch of 10,000 would be 10,000 JobRunr jobs and reads
            // (ImportBench: sync of 1,000 went from 2.4 s to 5.7 s); a verify batch reads their outcome
            return;
        }
        SyncFollowUp first = SyncFollowUp.first(context.command(), context.attempt(), now);
        try {
            jobs.schedule(first.jobId(), now.plus(settings.delayBefore(1)), first);
        } catch (RuntimeException e) {
            // the sync was requested all the same; its end shows at the next verify
            log.warn("cannot schedule the sync follow-up of mirror {}: {}", context.id(), e.toString());
        }
    }

    /** One read, run by JobRunr. Never throws: a read that cannot be made is tried again later, within the limit. */
    void read(SyncFollowUp request) {
        try {
            MirrorRecord mirror = store.followedUp(request.mirrorId(), request.commandId());
            if (mirror == null) {
                log.debug("sync follow-up of mirror {} ends: replaced by a newer sync, or deleted", request.mirrorId());
                return;
            }
            if (!MirrorRecord.ACTIVE.equals(mirror.lifecycle()) || !mirror.enabled()) {
                log.debug("sync follow-up of mirror {} ends: {}", request.mirrorId(), mirror.lifecycle());
                return;
            }
            MirrorContext context = contexts.load(request.command(), request.attempt(), mirror);
            Optional<Observation> observed = observe(context);
            if (observed.isEmpty()) {
                log.debug("sync follow-up of mirror {} ends: GitLab no longer has it", request.mirrorId());
                return;
            }
            if (observed.get().inProgress()) {
                readAgain(request, Optional.empty());
                return;
            }
            ended(request, context, observed.get());
        } catch (CommandRejectedException e) {
            log.debug("sync follow-up of mirror {} ends: {}", request.mirrorId(), e.getMessage());
        } catch (Exception e) {
            GitLabFailure failure = GitLabFailure.of(e);
            if (failure != null && !failure.retryable()) {
                log.info("sync follow-up of mirror {} ends: GitLab answered {}", request.mirrorId(), failure.message());
                return;
            }
            log.warn(
                    "sync follow-up of mirror {} could not read (read {}): {}",
                    request.mirrorId(),
                    request.read(),
                    failure == null ? e.toString() : failure.message());
            readAgain(request, failure == null ? Optional.empty() : failure.retryAfter());
        }
    }

    /** GitLab's update state of the mirror: one read; empty when GitLab no longer has the mirror. */
    private static Optional<Observation> observe(MirrorContext context) throws GitLabApiException {
        if (context.push()) {
            Long gitlabId = context.mirror().mirrorId();
            return gitlabId == null
                    ? Optional.empty()
                    : PushMirrors.find(context, gitlabId).map(Observation::of);
        }
        return PullMirrors.find(context).map(Observation::of);
    }

    private void ended(SyncFollowUp request, MirrorContext context, Observation observed) {
        boolean stuck = observed.stuck(clock.instant());
        if (observed.recordedIn(context.mirror(), stuck)) {
            log.debug("sync follow-up of mirror {}: {}, already recorded", request.mirrorId(), observed.status());
            return;
        }
        // the event first, as the command executor does: its id derives from what it reports, so publishing it
        // again after a failed write (the read is then repeated) is dropped by consumers
        events.publish(new MirrorSyncFinished(
                eventId(request, observed),
                request.commandId(),
                request.correlationId(),
                clock.instant(),
                request.mirrorId(),
                request.commandType(),
                describe(context, observed),
                request.attempt(),
                null, // not a batch line's outcome: the line ended with the request
                observed.verdict(false))); // a sync that ended is over, not stuck
        if (!store.recordSyncEnded(request.mirrorId(), request.commandId(), observed, stuck)) {
            log.debug("sync follow-up of mirror {}: replaced meanwhile, not recorded", request.mirrorId());
        }
    }

    private void readAgain(SyncFollowUp request, Optional<Duration> retryAfter) {
        SyncFollowUp next = request.next();
        Duration delay = settings.delayBefore(next.read());
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get();
        }
        Instant at = clock.instant().plus(delay);
        if (at.isAfter(request.requestedAt().plus(settings.max()))) {
            log.debug("sync follow-up of mirror {} ends: no end from GitLab in time", request.mirrorId());
            return;
        }
        jobs.schedule(next.jobId(), at, next);
    }

    private static UUID eventId(SyncFollowUp request, Observation observed) {
        String name = request.commandId() + "/sync-result/" + request.mirrorId() + "/" + observed.status() + "/"
                + (observed.lastUpdateAt() == null
                        ? ""
                        : observed.lastUpdateAt().toEpochMilli());
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String describe(MirrorContext context, Observation observed) {
        return switch (observed.status()) {
            case "finished" -> "GitLab finished the sync of " + context.describe();
            case "failed" ->
                "GitLab's sync of " + context.describe() + " failed"
                        + (observed.lastError() == null ? "" : ": " + observed.lastError());
            default ->
                "GitLab's sync of " + context.describe() + " ended " + observed.status()
                        + (observed.lastError() == null ? "" : ": " + observed.lastError());
        };
    }
}
