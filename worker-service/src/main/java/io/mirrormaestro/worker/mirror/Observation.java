package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.worker.gitlab.MirrorUpdateStatus;
import io.mirrormaestro.worker.gitlab.PullMirror;
import io.mirrormaestro.worker.gitlab.PushMirror;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

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
        return status == null ? "none" : status.name().toLowerCase(Locale.ROOT);
    }
}
