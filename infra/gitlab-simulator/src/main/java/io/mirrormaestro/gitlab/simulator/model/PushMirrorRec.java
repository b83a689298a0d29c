package io.mirrormaestro.gitlab.simulator.model;

import java.time.Instant;

public final class PushMirrorRec extends MirrorStatus {
    public final long id;
    public final ProjectRec project;
    /** URL as stored by GitLab: without credentials; credentials kept apart like import_data. */
    public final MirrorUrl url;

    public final Instant createdAt;
    public volatile boolean enabled;
    public volatile boolean onlyProtectedBranches;
    public volatile boolean keepDivergentRefs;
    public volatile String mirrorBranchRegex;
    public volatile String authMethod = "password";

    public PushMirrorRec(long id, ProjectRec project, MirrorUrl url, Instant createdAt) {
        this.id = id;
        this.project = project;
        this.url = url;
        this.createdAt = createdAt;
    }
}
