package io.mirrormaestro.gitlab.simulator.model;

/** GitLab's numeric roles (Gitlab::Access). */
public final class AccessLevel {
    public static final int NONE = 0;
    public static final int GUEST = 10;
    public static final int PLANNER = 15;
    public static final int REPORTER = 20;
    public static final int DEVELOPER = 30;
    public static final int MAINTAINER = 40;
    public static final int OWNER = 50;

    private AccessLevel() {}

    public static boolean isValid(int level) {
        return level == GUEST
                || level == PLANNER
                || level == REPORTER
                || level == DEVELOPER
                || level == MAINTAINER
                || level == OWNER;
    }
}
