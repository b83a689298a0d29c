package io.mirrormaestro.gitlab.simulator.model;

import java.time.Instant;

/** A user or a bot user behind a group/project access token. Mutated only under the state lock. */
public final class UserRec {
    public final long id;
    public final String username;
    public volatile String name;
    public volatile String email;
    public volatile boolean admin;
    public final boolean bot;
    public final Instant createdAt;
    /** For bot users: "group" or "project", and the id of that resource. */
    public final String botResourceType;

    public final long botResourceId;

    public UserRec(
            long id,
            String username,
            String name,
            String email,
            boolean admin,
            boolean bot,
            Instant createdAt,
            String botResourceType,
            long botResourceId) {
        this.id = id;
        this.username = username;
        this.name = name;
        this.email = email;
        this.admin = admin;
        this.bot = bot;
        this.createdAt = createdAt;
        this.botResourceType = botResourceType;
        this.botResourceId = botResourceId;
    }
}
