package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.command.ResumeMirror;
import io.mirrormaestro.common.gitlab.PullMirror;
import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.worker.command.CommandRejectedException;
import java.time.Clock;
import java.util.Optional;
import org.gitlab4j.api.GitLabApiException;
import org.springframework.stereotype.Component;

/**
 * Resumes a mirror GitLab stopped. A pull mirror paused after 14 failures in a row refuses a trigger (403 "Mirroring
 * for the project is on pause", StartPullMirroringService with pause_on_hard_failure), but configuring it again ends
 * in ProjectImportState#force_import_job!, which resets the retry count and schedules an update: so the mirror's
 * settings and credentials are put again. A push mirror GitLab shows disabled gets our settings (enabled) back, then a
 * sync. How the update ends is read later, as after a sync (see {@link SyncFollowUps}).
 */
@Component
class ResumeMirrorAction implements MirrorAction {

    private final MirrorCredentials credentials;
    private final MirrorStore store;
    private final SyncFollowUps followUps;
    private final Clock clock;

    ResumeMirrorAction(MirrorCredentials credentials, MirrorStore store, SyncFollowUps followUps, Clock clock) {
        this.credentials = credentials;
        this.store = store;
        this.followUps = followUps;
        this.clock = clock;
    }

    @Override
    public Class<ResumeMirror> commandType() {
        return ResumeMirror.class;
    }

    @Override
    public Outcome run(MirrorContext context) throws GitLabApiException {
        context.requireActive();
        if (!context.mirror().enabled()) {
            throw new CommandRejectedException(
                    "mirror " + context.id() + " is disabled here; enable it instead of resuming it");
        }
        DesiredSettings wanted = context.settings();
        String status = context.push() ? resumePush(context, wanted) : resumePull(context, wanted);
        followUps.syncRequested(context, status); // also forgets the recorded pause
        return new Outcome(Kind.RESUMED, "resumed " + context.describe() + "; GitLab: " + status);
    }

    private String resumePush(MirrorContext context, DesiredSettings wanted) throws GitLabApiException {
        long gitlabId = context.gitlabMirrorId();
        PushMirror current =
                PushMirrors.find(context, gitlabId).orElseThrow(() -> Orphans.reject(store, context, clock.instant()));
        if (!current.enabled()) {
            PushMirrors.apply(context, current, wanted);
        }
        return PushMirrors.requestSync(context, gitlabId);
    }

    private String resumePull(MirrorContext context, DesiredSettings wanted) throws GitLabApiException {
        Optional<PullMirror> current = PullMirrors.find(context);
        if (current.isEmpty()) {
            // configuring would switch pulling on again where someone switched it off: that is verify's repair
            throw Orphans.reject(store, context, clock.instant());
        }
        PullMirrors.configure(context, wanted, credentials.resolve(context), current);
        try {
            return PullMirrors.find(context)
                    .map(p -> Observation.of(p).statusAfterSyncRequest())
                    .orElse(Observation.SCHEDULED);
        } catch (GitLabApiException e) {
            return Observation.SCHEDULED; // GitLab took the configuration; reading it back is only a courtesy
        }
    }
}
