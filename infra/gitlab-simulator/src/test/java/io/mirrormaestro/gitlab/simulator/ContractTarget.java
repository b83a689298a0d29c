package io.mirrormaestro.gitlab.simulator;

import java.net.URI;

/**
 * A pair of GitLab instances the contract suite ({@link GitLabContract}) runs against: the simulator, or real GitLab
 * named by MM_E2E_* variables. The suite makes and removes its own projects through it.
 */
interface ContractTarget extends AutoCloseable {

    /** A project made for one test. {@code httpUrl} is how the other instance reaches it (no credentials). */
    record Project(long id, String path, String httpUrl) {}

    String describe();

    /** The first instance; the token must be an administrator's api token for the admin-only checks. */
    Http first();

    Http second();

    /** The second instance's token, which push mirrors on the first embed. */
    String secondToken();

    /** A fresh project on instance 1 or 2, with a commit on its default branch. */
    Project createProject(int instance, String name);

    /** True where the first instance has the Premium pull-mirroring and branch-regex features (EE, licensed). */
    boolean premium();

    /** Deletes every project this target created. */
    @Override
    void close();

    static URI base(String url) {
        String clean = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return URI.create(clean.endsWith("/api/v4") ? clean.substring(0, clean.length() - 7) : clean);
    }
}
