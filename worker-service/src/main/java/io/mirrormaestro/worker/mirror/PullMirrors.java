package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.gitlab.PullMirror;
import io.mirrormaestro.common.settings.RepositoryUrls;
import io.mirrormaestro.worker.gitlab.PullMirrorSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gitlab4j.api.GitLabApiException;

/** Pull-mirror work several actions share, on the mirror's home (target) project. */
final class PullMirrors {

    private PullMirrors() {}

    /** Empty when the project does not pull (GitLab answers "not mirrored" for a disabled pull mirror too). */
    static Optional<PullMirror> find(MirrorContext context) throws GitLabApiException {
        return context.gitlab().pullMirror(context.project());
    }

    static boolean pointsAtSource(MirrorContext context, PullMirror mirror) {
        return RepositoryUrls.pointsAt(mirror.url(), context.remoteUrl());
    }

    /** GitLab's 403 for a pull mirror paused after repeated failures (hard failed). */
    static boolean paused(GitLabApiException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return e.getHttpStatus() == 403 && message.contains("on pause");
    }

    static boolean notMirrored(GitLabApiException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return e.getHttpStatus() == 400 && message.contains("not mirrored");
    }

    /**
     * Enables pull mirroring with our settings and credentials, or switches it off for a disabled mirror (which
     * needs no credentials). PUT is idempotent, so configuring again is safe.
     *
     * @param credentials may be null when {@code wanted} is disabled
     */
    static void apply(MirrorContext context, DesiredSettings wanted, Credentials credentials)
            throws GitLabApiException {
        if (wanted.enabled()) {
            configure(context, wanted, credentials, find(context));
        } else {
            context.gitlab().disablePullMirror(context.project());
        }
    }

    /**
     * @param current what GitLab has now, to switch between "only protected branches" and a regex in two steps
     *     (GitLab refuses both in one request); GitLab before 17.5 does not report it and gets one step
     */
    static void configure(
            MirrorContext context, DesiredSettings wanted, Credentials credentials, Optional<PullMirror> current)
            throws GitLabApiException {
        PullMirrorSettings settings = wanted.pullSettings(context.remoteUrl(), credentials);
        List<PullMirrorSettings> steps = new ArrayList<>();
        current.filter(p -> p.enabled() != null).ifPresent(p -> {
            if (wanted.branchRegex() != null && Boolean.TRUE.equals(p.onlyMirrorProtectedBranches())) {
                steps.add(settings.withBranchRegex(null).withOnlyProtectedBranches(false));
            } else if (wanted.branchRegex() == null && DesiredSettings.blankToNull(p.mirrorBranchRegex()) != null) {
                steps.add(settings.withOnlyProtectedBranches(false).withBranchRegex("")); // "" removes the regex
            }
        });
        steps.add(settings);
        for (PullMirrorSettings step : steps) {
            context.gitlab().configurePullMirror(context.project(), step);
        }
    }

    /** @return the status to record, see {@link Observation#statusAfterSyncRequest()} */
    static String trigger(MirrorContext context) throws GitLabApiException {
        context.gitlab().triggerPullMirror(context.project());
        try {
            return find(context)
                    .map(p -> Observation.of(p).statusAfterSyncRequest())
                    .orElse(Observation.SCHEDULED);
        } catch (GitLabApiException e) {
            return Observation.SCHEDULED; // the request was accepted; reading it back is only a courtesy
        }
    }
}
