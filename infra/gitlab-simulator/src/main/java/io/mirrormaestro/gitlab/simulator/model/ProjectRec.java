package io.mirrormaestro.gitlab.simulator.model;

import io.mirrormaestro.gitlab.simulator.ReceivedMirrorUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

public final class ProjectRec {
    public final long id;
    public final String path;
    public final GroupRec namespace;
    public final String pathWithNamespace;
    public final Instant createdAt;
    public volatile String name;
    public volatile String description = "";
    public volatile Visibility visibility = Visibility.PRIVATE;
    public volatile String defaultBranch = "main";
    public volatile boolean archived;
    public volatile Instant lastActivityAt;
    public volatile Instant updatedAt;
    public final Map<Long, Integer> members = new ConcurrentHashMap<>();
    public final List<PushMirrorRec> pushMirrors = new CopyOnWriteArrayList<>();
    public final PullMirrorRec pull;
    /** What arrived here through mirroring, so tests can see that data "moved". */
    public final List<ReceivedMirrorUpdate> receivedUpdates = new CopyOnWriteArrayList<>();

    public ProjectRec(long id, String path, GroupRec namespace, Instant createdAt, long importStateId) {
        this.id = id;
        this.path = path;
        this.namespace = namespace;
        this.pathWithNamespace = namespace.fullPath + "/" + path;
        this.name = path;
        this.createdAt = createdAt;
        this.lastActivityAt = createdAt;
        this.updatedAt = createdAt;
        this.pull = new PullMirrorRec(importStateId);
    }

    public String nameWithNamespace() {
        return namespace.fullName() + " / " + name;
    }
}
