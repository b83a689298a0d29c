package io.mirrormaestro.gitlab.simulator.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

public final class GroupRec {
    public final long id;
    public final String path;
    public final String fullPath;
    public final GroupRec parent;
    public final Instant createdAt;
    public volatile String name;
    public volatile String description = "";
    public volatile Visibility visibility = Visibility.PRIVATE;
    /** user id -> access level (direct membership only). */
    public final Map<Long, Integer> members = new ConcurrentHashMap<>();

    public final List<GroupRec> children = new CopyOnWriteArrayList<>();
    public final List<ProjectRec> projects = new CopyOnWriteArrayList<>();

    public GroupRec(long id, String path, GroupRec parent, Instant createdAt) {
        this.id = id;
        this.path = path;
        this.parent = parent;
        this.fullPath = parent == null ? path : parent.fullPath + "/" + path;
        this.name = path;
        this.createdAt = createdAt;
    }

    public String fullName() {
        return parent == null ? name : parent.fullName() + " / " + name;
    }

    /** This group and its ancestors, nearest first. */
    public List<GroupRec> selfAndAncestors() {
        List<GroupRec> chain = new ArrayList<>();
        for (GroupRec g = this; g != null; g = g.parent) {
            chain.add(g);
        }
        return chain;
    }

    public boolean isDescendantOf(GroupRec other) {
        for (GroupRec g = parent; g != null; g = g.parent) {
            if (g == other) {
                return true;
            }
        }
        return false;
    }

    public void collectDescendants(List<GroupRec> into) {
        for (GroupRec child : children) {
            into.add(child);
            child.collectDescendants(into);
        }
    }
}
