package io.mirrormaestro.gitlab.simulator.model;

import java.time.Instant;

/** The sync bookkeeping shared by push mirrors and the pull mirror's import state. */
public abstract class MirrorStatus {
    public volatile String updateStatus = "none";
    public volatile String lastError;
    public volatile Instant lastUpdateAt;
    public volatile Instant lastUpdateStartedAt;
    public volatile Instant lastSuccessfulUpdateAt;
    /** A sync GitLab deferred (backoff window / pull interval): simulated time when it runs. */
    public volatile Instant deferredUntil;

    public volatile Instant deferredRequestedAt;

    public boolean inProgress() {
        return "started".equals(updateStatus) || "scheduled".equals(updateStatus);
    }
}
