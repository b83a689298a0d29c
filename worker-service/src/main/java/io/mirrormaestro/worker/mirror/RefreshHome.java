package io.mirrormaestro.worker.mirror;

/** Where GitLab keeps mirrors: a push mirror's source project, a pull mirror's target project. */
record RefreshHome(long instanceId, long projectId, boolean push) {

    static RefreshHome of(
            long sourceInstance, long sourceProject, long targetInstance, long targetProject, boolean push) {
        return push
                ? new RefreshHome(sourceInstance, sourceProject, true)
                : new RefreshHome(targetInstance, targetProject, false);
    }

    /** A stable offset inside {@code intervalMillis}, so the projects due at one cadence spread over it. */
    long phase(long intervalMillis) {
        long h = instanceId * 1_000_003L ^ projectId * 31 ^ (push ? 17 : 0);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return Math.floorMod(h, intervalMillis);
    }
}
