package io.mirrormaestro.worker.gitlab;

/** The user behind the gateway's token ({@code GET /user}); group and project tokens act as bot users. */
public record GitLabUser(long id, String username, String name, boolean admin, boolean bot) {}
