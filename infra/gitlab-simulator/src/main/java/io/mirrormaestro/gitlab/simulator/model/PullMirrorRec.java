package io.mirrormaestro.gitlab.simulator.model;

/** A project's pull-mirror configuration plus its import state (one per project, like GitLab). */
public final class PullMirrorRec extends MirrorStatus {
    /** GitLab's import state id, exposed as the pull mirror's "id". */
    public final long importStateId;

    public volatile boolean mirror;
    public volatile MirrorUrl url;
    public volatile boolean mirrorTriggerBuilds;
    public volatile Boolean onlyMirrorProtectedBranches;
    public volatile boolean mirrorOverwritesDivergedBranches;
    public volatile String mirrorBranchRegex;
    public volatile Long mirrorUserId;
    public volatile int retryCount;
    public volatile boolean hardFailed;

    public PullMirrorRec(long importStateId) {
        this.importStateId = importStateId;
    }
}
