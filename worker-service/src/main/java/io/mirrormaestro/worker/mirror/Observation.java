package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.event.GitLabVerdict;
import io.mirrormaestro.common.gitlab.MirrorUpdateStatus;
import io.mirrormaestro.common.gitlab.PullMirror;
import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.common.store.MirrorRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** A mirror's update state as GitLab reported it, with GitLab's own status names. */
record Observation(
        String status,
        Instant lastUpdateAt,
        Instant lastUpdateStartedAt,
        Instant lastSuccessfulUpdate,
        String lastError) {

    /** GitLab's own rule (RemoteMirror): an update running this long is stuck; a first update gets longer. */
    static final Duration STUCK_AFTER = Duration.ofHours(1);

    static final Duration FIRST_UPDATE_STUCK_AFTER = Duration.ofHours(3);

    static final String SCHEDULED = "scheduled";

    /** GitLab's statuses of a sync that has not ended yet. */
    private static final Set<String> IN_PROGRESS = Set.of(SCHEDULED, "started", "to_retry");

    /** What this report amounts to for notifications; {@code stuck} as the caller judged it. */
    GitLabVerdict verdict(boolean stuck) {
        if (stuck) {
            return GitLabVerdict.STUCK;
        }
        return switch (status) {
            case "finished" -> GitLabVerdict.UP_TO_DATE;
            case "failed" -> GitLabVerdict.FAILED;
            default -> GitLabVerdict.OTHER;
        };
    }

    static Observation of(PushMirror mirror) {
        return new Observation(
                wireName(mirror.updateStatus()),
                mirror.lastUpdateAt(),
                mirror.lastUpdateStartedAt(),
                mirror.lastSuccessfulUpdateAt(),
                mirror.lastError());
    }

    static Observation of(PullMirror mirror) {
        return new Observation(
                wireName(mirror.updateStatus()),
                mirror.lastUpdateAt(),
                mirror.lastUpdateStartedAt(),
                mirror.lastSuccessfulUpdateAt(),
                mirror.lastError());
    }

    boolean stuck(Instant now) {
        if (!"started".equals(status) || lastUpdateStartedAt == null) {
            return false;
        }
        Duration limit = lastSuccessfulUpdate == null ? FIRST_UPDATE_STUCK_AFTER : STUCK_AFTER;
        return lastUpdateStartedAt.plus(limit).isBefore(now);
    }

    /**
     * Our rule ({@code MM_STUCK_AFTER}) for the status refresh: GitLab reports the update started longer than
     * {@code after} ago and not ended.
     */
    boolean stuckAfter(Instant now, Duration after) {
        return "started".equals(status)
                && lastUpdateStartedAt != null
                && lastUpdateStartedAt.plus(after).isBefore(now);
    }

    /** GitLab has not ended the update yet: scheduled, started or waiting to retry. */
    boolean inProgress() {
        return IN_PROGRESS.contains(status);
    }

    /**
     * Whether our record already says this, with this stuck flag. Times compare to the millisecond, the precision
     * MongoDB keeps.
     */
    boolean recordedIn(MirrorRecord stored, boolean stuck) {
        return status.equals(stored.lastUpdateStatus())
                && Objects.equals(lastError, stored.lastError())
                && sameMillis(lastUpdateAt, stored.lastUpdateAt())
                && sameMillis(lastUpdateStartedAt, stored.lastUpdateStartedAt())
                && sameMillis(lastSuccessfulUpdate, stored.lastSuccessfulUpdate())
                && stored.stuck() == stuck;
    }

    private static boolean sameMillis(Instant a, Instant b) {
        return a == null || b == null ? a == b : a.toEpochMilli() == b.toEpochMilli();
    }

    /**
     * What to record right after GitLab accepted a sync request: {@code scheduled}, unless GitLab already reports an
     * update under way. GitLab queues a request inside its backoff window, and ignores one while an update runs (a
     * stuck mirror stays {@code started}); recording {@code scheduled} then would hide that.
     */
    String statusAfterSyncRequest() {
        return statusAfterSyncRequest(status);
    }

    /** The same rule, from a status known before the request (our last observation) instead of GitLab's answer. */
    static String statusAfterSyncRequest(String known) {
        return SCHEDULED.equals(known) || "started".equals(known) ? known : SCHEDULED;
    }

    private static String wireName(MirrorUpdateStatus status) {
        return status == null ? "none" : status.value();
    }
}
