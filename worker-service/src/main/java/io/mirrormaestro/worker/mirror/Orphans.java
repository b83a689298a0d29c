package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.worker.command.CommandRejectedException;
import java.time.Instant;

/** A mirror GitLab no longer has (deleted by hand, or its project was re-created): the same words everywhere. */
final class Orphans {

    private Orphans() {}

    static String why(MirrorContext context) {
        return context.push()
                ? "GitLab no longer has push mirror " + context.mirror().mirrorId() + " on " + context.projectPath()
                : context.projectPath() + " no longer pulls in GitLab";
    }

    /** Records the mirror as orphaned and returns the rejection for an action that needed it to exist. */
    static CommandRejectedException reject(MirrorStore store, MirrorContext context, Instant now) {
        String why = why(context);
        store.markOrphaned(context.id(), why, now);
        return new CommandRejectedException(why + "; verify with repair re-creates it");
    }
}
