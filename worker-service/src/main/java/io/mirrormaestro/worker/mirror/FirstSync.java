package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.worker.gitlab.GitLabFailure;
import org.gitlab4j.api.GitLabApiException;
import org.springframework.stereotype.Component;

/**
 * The sync requested right after a mirror is put in GitLab (created, re-created or given new credentials), so it
 * proves itself without waiting for the next push. The mirror exists by then, so a refusal is reported, not fatal;
 * a retryable failure still retries the command, which finds the mirror and asks again. How GitLab ends the sync is
 * read later, see {@link SyncFollowUps}.
 */
@Component
class FirstSync {

    private final SyncFollowUps followUps;

    FirstSync(SyncFollowUps followUps) {
        this.followUps = followUps;
    }

    /** @param pushMirrorId the GitLab push mirror to sync; ignored for pull mirrors */
    String request(MirrorContext context, Long pushMirrorId) throws GitLabApiException {
        try {
            String status;
            if (context.push()) {
                // recorded as requested without reading the mirror back (one GitLab call less per mirror of an
                // import); the follow-up reads GitLab's status once the sync had time to run
                context.gitlab().syncPushMirror(context.project(), pushMirrorId);
                status = Observation.SCHEDULED;
            } else {
                status = PullMirrors.trigger(context);
            }
            followUps.syncRequested(context, status);
            return "first sync requested (" + status + ")";
        } catch (GitLabApiException e) {
            GitLabFailure failure = GitLabFailure.of(e);
            if (failure == null || failure.retryable()) {
                throw e;
            }
            return "first sync not requested: " + failure.message();
        }
    }
}
