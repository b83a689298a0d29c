package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.common.settings.RepositoryUrls;
import io.mirrormaestro.worker.command.CommandRejectedException;
import io.mirrormaestro.worker.gitlab.PushMirrorChanges;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gitlab4j.api.GitLabApiException;

/** Push-mirror work several actions share, on the mirror's home (source) project. */
final class PushMirrors {

    private PushMirrors() {}

    /** A push mirror found or made: {@code adopted} when GitLab already had it. */
    record Placed(PushMirror mirror, boolean adopted) {}

    /** Every push mirror of the home project whose (masked) URL points at the remote project. */
    static List<PushMirror> pointingAtRemote(MirrorContext context) throws GitLabApiException {
        String remote = context.remoteUrl();
        return context.gitlab().pushMirrors(context.project()).stream()
                .filter(m -> RepositoryUrls.pointsAt(m.url(), remote))
                .toList();
    }

    static Optional<PushMirror> find(MirrorContext context, long gitlabId) throws GitLabApiException {
        try {
            return Optional.of(context.gitlab().pushMirror(context.project(), gitlabId));
        } catch (GitLabApiException e) {
            if (gone(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * A 404 for the mirror itself. A missing project answers "404 Project Not Found" and stays an error: the mirror
     * may exist where this token cannot see.
     */
    static boolean gone(GitLabApiException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return e.getHttpStatus() == 404 && !message.contains("project not found");
    }

    /**
     * The push mirror to the remote project: one GitLab already has (created by an attempt that died before
     * recording it; the recorded id first, else the newest) with our settings applied, or a new one.
     *
     * @param mayAdopt false to refuse a push mirror GitLab already has, see {@link CreateMirrorAction#mayAdopt}
     */
    static Placed adoptOrCreate(
            MirrorContext context, DesiredSettings wanted, Credentials credentials, boolean mayAdopt)
            throws GitLabApiException {
        Long recorded = context.mirror().mirrorId();
        Optional<PushMirror> existing = pointingAtRemote(context).stream()
                .max(Comparator.comparing((PushMirror m) -> recorded != null && m.id() == recorded)
                        .thenComparing(PushMirror::id));
        if (existing.isPresent()) {
            PushMirror found = existing.get();
            if (!mayAdopt) {
                throw new CommandRejectedException(CreateMirrorAction.ALREADY_MIRRORED + ": GitLab already has push "
                        + "mirror " + found.id() + " from " + context.projectPath() + " to " + context.remotePath()
                        + ", made outside Mirror Maestro; remove it in GitLab first, or create the mirror with "
                        + "adopt_existing");
            }
            if (!wanted.driftOf(found).isEmpty()) {
                apply(context, found, wanted);
            }
            return new Placed(found, true);
        }
        PushMirror created = context.gitlab()
                .createPushMirror(context.project(), wanted.newPushMirror(credentials.embedIn(context.remoteUrl())));
        return new Placed(created, false);
    }

    /** Puts our settings on a push mirror; never sends a URL (GitLab would ignore it anyway). */
    static void apply(MirrorContext context, PushMirror current, DesiredSettings wanted) throws GitLabApiException {
        for (PushMirrorChanges step : PushMirrorSteps.toward(current, wanted)) {
            context.gitlab().updatePushMirror(context.project(), current.id(), step);
        }
    }

    /** @return the status to record, see {@link Observation#statusAfterSyncRequest()} */
    static String requestSync(MirrorContext context, long gitlabId) throws GitLabApiException {
        context.gitlab().syncPushMirror(context.project(), gitlabId);
        try {
            return find(context, gitlabId)
                    .map(m -> Observation.of(m).statusAfterSyncRequest())
                    .orElse(Observation.SCHEDULED);
        } catch (GitLabApiException e) {
            return Observation.SCHEDULED; // the request was accepted; reading it back is only a courtesy
        }
    }
}
