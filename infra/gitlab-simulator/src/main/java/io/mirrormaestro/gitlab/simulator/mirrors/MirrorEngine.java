package io.mirrormaestro.gitlab.simulator.mirrors;

import io.mirrormaestro.gitlab.simulator.ReceivedMirrorUpdate;
import io.mirrormaestro.gitlab.simulator.faults.FaultState;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.MirrorStatus;
import io.mirrormaestro.gitlab.simulator.model.MirrorUrl;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;
import io.mirrormaestro.gitlab.simulator.model.PullMirrorRec;
import io.mirrormaestro.gitlab.simulator.model.PushMirrorRec;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs mirror updates the way GitLab's workers do: scheduled, then started, then finished or
 * failed, asynchronously and a few milliseconds apart. Requests inside GitLab's backoff windows are
 * deferred in simulated time and picked up by {@link #tick()}.
 */
public final class MirrorEngine {
    /** RemoteMirror::UNPROTECTED_BACKOFF_DELAY / PROTECTED_BACKOFF_DELAY. */
    public static final Duration PUSH_BACKOFF = Duration.ofMinutes(5);

    public static final Duration PUSH_BACKOFF_PROTECTED = Duration.ofMinutes(1);
    /** Default pull_mirror_interval_seconds. */
    public static final Duration PULL_INTERVAL = Duration.ofSeconds(300);
    /** Gitlab::Mirror::MAX_RETRY: consecutive failures before a pull mirror is hard failed. */
    public static final int PULL_MAX_RETRY = 14;

    private final InstanceState state;
    private final FaultState faults;
    private final ScheduledExecutorService scheduler;
    private final GitRemote git;
    private final Map<MirrorStatus, Runnable> deferred = new ConcurrentHashMap<>();

    public MirrorEngine(
            InstanceState state, FaultState faults, ScheduledExecutorService scheduler, RemoteDirectory directory) {
        this.state = state;
        this.faults = faults;
        this.scheduler = scheduler;
        this.git = new GitRemote(directory);
    }

    // ---- push mirrors

    /**
     * RemoteMirror#sync after the API checked the mirror is enabled: inside the backoff window
     * (schedule_with_delay?, measured from last_update_started_at) the worker is only scheduled for later, and the
     * API still answers 204 (app/models/remote_mirror.rb).
     */
    public void syncPush(PushMirrorRec mirror) {
        synchronized (state.lock) {
            if (mirror.inProgress()) {
                return;
            }
            Instant now = state.now();
            Duration backoff = mirror.onlyProtectedBranches ? PUSH_BACKOFF_PROTECTED : PUSH_BACKOFF;
            if (mirror.lastUpdateStartedAt != null && !mirror.lastUpdateStartedAt.isBefore(now.minus(backoff))) {
                defer(mirror, now, now.plus(backoff), () -> runDeferredPush(mirror));
                return;
            }
            mirror.updateStatus = "scheduled";
        }
        later(() -> startPush(mirror));
    }

    /** RepositoryUpdateRemoteMirrorWorker skips a run when a newer update already started. */
    private void runDeferredPush(PushMirrorRec mirror) {
        synchronized (state.lock) {
            Instant requestedAt = mirror.deferredRequestedAt;
            mirror.deferredUntil = null;
            mirror.deferredRequestedAt = null;
            boolean updatedSince = !"failed".equals(mirror.updateStatus)
                    && mirror.lastUpdateStartedAt != null
                    && requestedAt != null
                    && mirror.lastUpdateStartedAt.isAfter(requestedAt);
            if (!mirror.enabled || mirror.inProgress() || updatedSince || !exists(mirror)) {
                return;
            }
            mirror.updateStatus = "scheduled";
        }
        later(() -> startPush(mirror));
    }

    private void startPush(PushMirrorRec mirror) {
        synchronized (state.lock) {
            if (!exists(mirror)) {
                return;
            }
            mirror.updateStatus = "started";
            mirror.lastUpdateStartedAt = state.now();
        }
        if (!faults.isStuck(mirror.project.id)) {
            later(() -> finishPush(mirror));
        }
    }

    private void finishPush(PushMirrorRec mirror) {
        GitRemote.Outcome outcome = git.push(mirror.url);
        Instant now = state.now();
        synchronized (state.lock) {
            if (!exists(mirror) || !"started".equals(mirror.updateStatus)) {
                return;
            }
            mirror.lastUpdateAt = now;
            if (outcome.ok()) {
                mirror.updateStatus = "finished";
                mirror.lastSuccessfulUpdateAt = now;
                mirror.lastError = null;
            } else {
                mirror.updateStatus = "failed";
                mirror.lastError = outcome.error();
            }
        }
        if (outcome.ok()) {
            String source = state.baseUrl() + "/" + mirror.project.pathWithNamespace;
            record(outcome.remote(), outcome.project(), "push", source);
        }
    }

    private boolean exists(PushMirrorRec mirror) {
        return state.pushMirrors.get(mirror.id) == mirror;
    }

    // ---- pull mirrors

    /** Import::ValidateRemoteGitEndpointService: can the repository be read with the URL's credentials? */
    public boolean canRead(MirrorUrl url) {
        return url != null && git.pull(url).ok();
    }

    /** StartPullMirroringService after the API checked mirror? and hard-failure. */
    public void triggerPull(ProjectRec project, boolean force) {
        PullMirrorRec pull = project.pull;
        synchronized (state.lock) {
            if (pull.hardFailed) {
                if (!force) {
                    return;
                }
                pull.hardFailed = false;
                pull.retryCount = 0;
            }
            Instant now = state.now();
            boolean updateNow = pull.lastSuccessfulUpdateAt == null
                    || pull.lastUpdateAt == null
                    || pull.lastUpdateAt.isBefore(now.minus(PULL_INTERVAL));
            if (!updateNow) {
                defer(pull, now, pull.lastUpdateAt.plus(PULL_INTERVAL), () -> startPull(project));
                return;
            }
        }
        startPull(project);
    }

    /**
     * ProjectImportState#force_import_job!, which a configuration change of a mirrored project calls: resets the
     * retry count of a hard-failed mirror (so a paused mirror resumes) unless an update is already running.
     */
    public void forceImportJob(ProjectRec project) {
        PullMirrorRec pull = project.pull;
        synchronized (state.lock) {
            if (pull.inProgress() || !pull.mirror) {
                return;
            }
            if (pull.hardFailed) {
                pull.hardFailed = false;
                pull.retryCount = 0;
            }
        }
        startPull(project);
    }

    /** ProjectImportState#force_import_job!: a no-op while an update is already running. */
    public void startPull(ProjectRec project) {
        PullMirrorRec pull = project.pull;
        synchronized (state.lock) {
            if (pull.inProgress() || !pull.mirror || pull.hardFailed) {
                return;
            }
            pull.deferredUntil = null;
            pull.updateStatus = "scheduled";
        }
        later(() -> {
            synchronized (state.lock) {
                pull.updateStatus = "started";
                pull.lastUpdateStartedAt = state.now();
            }
            if (!faults.isStuck(project.id)) {
                later(() -> finishPull(project));
            }
        });
    }

    private void finishPull(ProjectRec project) {
        PullMirrorRec pull = project.pull;
        GitRemote.Outcome outcome = pull.url == null ? null : git.pull(pull.url);
        Instant now = state.now();
        synchronized (state.lock) {
            if (!"started".equals(pull.updateStatus)) {
                return;
            }
            pull.lastUpdateAt = now;
            if (outcome != null && outcome.ok()) {
                pull.updateStatus = "finished";
                pull.lastSuccessfulUpdateAt = now;
                pull.lastError = null;
                pull.retryCount = 0;
            } else {
                pull.updateStatus = "failed";
                pull.lastError = outcome == null ? "Import url can't be blank" : outcome.error();
                pull.retryCount++;
                if (pull.retryCount >= PULL_MAX_RETRY) {
                    pull.hardFailed = true;
                }
            }
        }
        if (outcome != null && outcome.ok()) {
            record(state, project, "pull", pull.url.masked());
        }
    }

    // ---- shared

    private void defer(MirrorStatus status, Instant now, Instant runAt, Runnable run) {
        if (status.deferredUntil == null || runAt.isBefore(status.deferredUntil)) {
            status.deferredUntil = runAt;
            status.deferredRequestedAt = now;
        }
        deferred.put(status, run);
    }

    /** Runs deferred updates whose (simulated) time has come. */
    public void tick() {
        if (deferred.isEmpty()) {
            return;
        }
        Instant now = state.now();
        deferred.forEach((status, run) -> {
            Instant due = status.deferredUntil;
            if (due == null) {
                deferred.remove(status, run);
            } else if (!now.isBefore(due) && deferred.remove(status, run)) {
                status.deferredUntil = null;
                run.run();
            }
        });
    }

    private void record(InstanceState where, ProjectRec project, String kind, String source) {
        Instant at = where.now();
        project.receivedUpdates.add(new ReceivedMirrorUpdate(kind, source, at));
        project.lastActivityAt = at;
    }

    private void later(Runnable step) {
        long micros = faults.syncStep().toNanos() / 1000;
        try {
            scheduler.schedule(step, Math.max(0, micros), TimeUnit.MICROSECONDS);
        } catch (RejectedExecutionException e) {
            // the simulator is shutting down; the update simply never completes
        }
    }
}
