package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.command.SyncMirror;
import io.mirrormaestro.worker.command.CommandRejectedException;
import java.time.Clock;
import org.gitlab4j.api.GitLabApiException;
import org.springframework.stereotype.Component;

/**
 * Asks GitLab to update the mirror now. Inside GitLab's backoff window (push) or pull interval the request is queued
 * and still accepted; a paused pull mirror answers 403 "Mirroring for the project is on pause", which fails the
 * command with that message. How GitLab ends the sync is read later, see {@link SyncFollowUps}.
 */
@Component
class SyncMirrorAction implements MirrorAction {

    private final MirrorStore store;
    private final SyncFollowUps followUps;
    private final Clock clock;

    SyncMirrorAction(MirrorStore store, SyncFollowUps followUps, Clock clock) {
        this.store = store;
        this.followUps = followUps;
        this.clock = clock;
    }

    @Override
    public Class<SyncMirror> commandType() {
        return SyncMirror.class;
    }

    @Override
    public Outcome run(MirrorContext context) throws GitLabApiException {
        context.requireActive();
        if (!context.mirror().enabled()) {
            // GitLab would answer 400 "Cannot proceed with the push mirroring…", which says less
            throw new CommandRejectedException(
                    "mirror " + context.id() + " is disabled; enable it before asking for a sync");
        }
        String status;
        try {
            if (context.push() && context.command().batchLine() != null) {
                // a batch line: the request only, judged by what we last observed (one GitLab call per mirror)
                context.gitlab().syncPushMirror(context.project(), context.gitlabMirrorId());
                status = Observation.statusAfterSyncRequest(context.mirror().lastUpdateStatus());
            } else {
                status = context.push()
                        ? PushMirrors.requestSync(context, context.gitlabMirrorId())
                        : PullMirrors.trigger(context);
            }
        } catch (GitLabApiException e) {
            if (context.push() ? PushMirrors.gone(e) : PullMirrors.notMirrored(e)) {
                throw Orphans.reject(store, context, clock.instant());
            }
            if (!context.push() && PullMirrors.paused(e)) {
                store.markPaused(context.id(), e.getMessage(), clock.instant());
            }
            throw e;
        }
        followUps.syncRequested(context, status);
        return new Outcome(Kind.SYNC_REQUESTED, "sync requested for " + context.describe() + "; GitLab: " + status);
    }
}
