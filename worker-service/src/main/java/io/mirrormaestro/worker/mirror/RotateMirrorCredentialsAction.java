package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.command.RotateMirrorCredentials;
import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.worker.gitlab.NewPushMirror;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gitlab4j.api.GitLabApiException;
import org.springframework.stereotype.Component;

/**
 * Embeds a group token's new value in the mirror URL. Pull mirrors take new credentials in place. A push mirror's URL
 * cannot change, so a new push mirror is created beside the old one with exactly the old one's settings, read back,
 * and only then is the old one deleted: if anything fails before, the project keeps its working mirror.
 *
 * <p>GitLab 18.9 refuses a second push mirror to the same URL ("has already been taken", credentials ignored) and an
 * eleventh enabled one (app/models/remote_mirror.rb). There the replacement cannot stand beside the old mirror: the
 * old one is deleted first and the replacement created right after, with the old one's settings.
 */
@Component
class RotateMirrorCredentialsAction implements MirrorAction {

    private final MirrorCredentials credentials;
    private final MirrorStore store;
    private final FirstSync firstSync;
    private final Clock clock;

    RotateMirrorCredentialsAction(MirrorCredentials credentials, MirrorStore store, FirstSync firstSync, Clock clock) {
        this.credentials = credentials;
        this.store = store;
        this.firstSync = firstSync;
        this.clock = clock;
    }

    @Override
    public Class<RotateMirrorCredentials> commandType() {
        return RotateMirrorCredentials.class;
    }

    @Override
    public Outcome run(MirrorContext context) throws GitLabApiException {
        if (MirrorRecord.PENDING.equals(context.mirror().lifecycle())) {
            return new Outcome(
                    Kind.CREDENTIALS_ROTATED,
                    "mirror " + context.id() + " is not in GitLab yet; its creation embeds the current token");
        }
        context.requireActive();
        Credentials token = credentials.forRotation(context);
        return context.push() ? rotatePush(context, token) : rotatePull(context, token);
    }

    private Outcome rotatePull(MirrorContext context, Credentials token) throws GitLabApiException {
        DesiredSettings wanted = context.settings();
        if (wanted.enabled()) {
            PullMirrors.apply(context, wanted, token);
        }
        store.recordInGitLab(context.id(), null, token, clock.instant());
        if (!token.perMirror()) {
            store.dropOwnToken(context.id());
        }
        return new Outcome(
                Kind.CREDENTIALS_ROTATED,
                context.describe() + " now authenticates with " + token.describe()
                        + (wanted.enabled() ? ", changed in place" : "; disabled, GitLab gets it when enabled"));
    }

    private Outcome rotatePush(MirrorContext context, Credentials token) throws GitLabApiException {
        Long oldId = context.mirror().mirrorId();
        Optional<PushMirror> old = oldId == null ? Optional.empty() : PushMirrors.find(context, oldId);
        String url = token.embedIn(context.remoteUrl());
        // the same settings as the mirror it replaces, as GitLab has them; ours only if GitLab lost it
        NewPushMirror replacement =
                old.map(o -> sameAs(o, url)).orElseGet(() -> context.settings().newPushMirror(url));
        // a replacement created by an attempt that died before deleting the old mirror: same target, same settings
        Optional<PushMirror> earlier = PushMirrors.pointingAtRemote(context).stream()
                .filter(m -> !Objects.equals(m.id(), oldId))
                .filter(m -> old.isEmpty() || sameSettings(m, replacement))
                .max(Comparator.comparing(PushMirror::id));
        boolean oldDeleted = false;
        long newId;
        if (earlier.isPresent()) {
            newId = earlier.get().id();
        } else {
            try {
                newId = context.gitlab()
                        .createPushMirror(context.project(), replacement)
                        .id();
            } catch (GitLabApiException e) {
                if (old.isEmpty() || !cannotStandBeside(e)) {
                    throw e;
                }
                context.gitlab().deletePushMirror(context.project(), old.get().id());
                oldDeleted = true;
                newId = context.gitlab()
                        .createPushMirror(context.project(), replacement)
                        .id();
            }
        }
        PushMirror confirmed = context.gitlab().pushMirror(context.project(), newId);
        if (old.isPresent() && !oldDeleted) {
            context.gitlab().deletePushMirror(context.project(), old.get().id());
        }
        // recorded only after the old one is gone: a retry in between finds the old id and completes the swap
        store.recordInGitLab(context.id(), confirmed.id(), token, clock.instant());
        if (!token.perMirror()) {
            store.dropOwnToken(context.id()); // moved to group tokens: GitLab no longer holds its own token
        }
        String detail = context.describe() + ": GitLab push mirror "
                + old.map(o -> o.id() + " replaced by ").orElse("lost, re-created as ") + confirmed.id() + " with "
                + token.describe();
        return new Outcome(
                Kind.CREDENTIALS_ROTATED,
                confirmed.enabled() ? detail + "; " + firstSync.request(context, confirmed.id()) : detail);
    }

    /** GitLab 18.9's refusals of a mirror beside another to the same URL, or beyond ten enabled ones. */
    private static boolean cannotStandBeside(GitLabApiException e) {
        if (e.getHttpStatus() != 400 || e.getValidationErrors() == null) {
            return false;
        }
        List<String> url = e.getValidationErrors().getOrDefault("url", List.of());
        List<String> base = e.getValidationErrors().getOrDefault("base", List.of());
        return url.contains("has already been taken")
                || base.stream().anyMatch(m -> m.startsWith("Maximum number of push mirrors"));
    }

    private static NewPushMirror sameAs(PushMirror old, String url) {
        // GitLab never holds both; should it report both, "only protected" is the narrower and wins. The auth method
        // stays GitLab's default (password), the only one a token URL works with.
        String regex = old.onlyProtectedBranches() ? null : DesiredSettings.blankToNull(old.mirrorBranchRegex());
        return new NewPushMirror(url, old.enabled(), old.onlyProtectedBranches(), old.keepDivergentRefs(), regex, null);
    }

    private static boolean sameSettings(PushMirror mirror, NewPushMirror wanted) {
        return mirror.enabled() == wanted.enabled()
                && mirror.onlyProtectedBranches() == wanted.onlyProtectedBranches()
                && mirror.keepDivergentRefs() == wanted.keepDivergentRefs()
                && Objects.equals(DesiredSettings.blankToNull(mirror.mirrorBranchRegex()), wanted.mirrorBranchRegex());
    }
}
