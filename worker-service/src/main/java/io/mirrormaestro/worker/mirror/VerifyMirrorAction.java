package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.command.VerifyMirror;
import io.mirrormaestro.common.gitlab.PullMirror;
import io.mirrormaestro.common.gitlab.PushMirror;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gitlab4j.api.GitLabApiException;
import org.springframework.stereotype.Component;

/**
 * Reads GitLab's side of the mirror and records its update state, drift (our settings GitLab does not have), stuck
 * updates and orphaning (GitLab lost the mirror). With {@code repair}, puts GitLab back: settings re-applied, an
 * orphan re-created.
 */
@Component
class VerifyMirrorAction implements MirrorAction {

    private final MirrorCredentials credentials;
    private final MirrorStore store;
    private final FirstSync firstSync;
    private final Clock clock;

    VerifyMirrorAction(MirrorCredentials credentials, MirrorStore store, FirstSync firstSync, Clock clock) {
        this.credentials = credentials;
        this.store = store;
        this.firstSync = firstSync;
        this.clock = clock;
    }

    @Override
    public Class<VerifyMirror> commandType() {
        return VerifyMirror.class;
    }

    @Override
    public Outcome run(MirrorContext context) throws GitLabApiException {
        context.requireActive();
        DesiredSettings wanted = context.settings();
        return context.push() ? verifyPush(context, wanted) : verifyPull(context, wanted);
    }

    private Outcome verifyPush(MirrorContext context, DesiredSettings wanted) throws GitLabApiException {
        Long recorded = context.mirror().mirrorId();
        Optional<PushMirror> found = recorded == null ? Optional.empty() : PushMirrors.find(context, recorded);
        if (found.isEmpty()) {
            return orphaned(context, wanted);
        }
        List<String> drift = wanted.driftOf(found.get());
        boolean repair = repair(context) && !drift.isEmpty();
        if (repair) {
            PushMirrors.apply(context, found.get(), wanted);
        }
        return record(context, Observation.of(found.get()), drift, repair);
    }

    private Outcome verifyPull(MirrorContext context, DesiredSettings wanted) throws GitLabApiException {
        Optional<PullMirror> found = PullMirrors.find(context);
        if (found.isEmpty() && !wanted.enabled()) {
            store.recordChecked(context.id(), clock.instant());
            return new Outcome(Kind.VERIFIED, "disabled; GitLab does not pull, as wanted");
        }
        if (found.isEmpty()) {
            return orphaned(context, wanted);
        }
        List<String> drift = wanted.driftOf(found.get(), PullMirrors.pointsAtSource(context, found.get()));
        boolean repair = repair(context) && !drift.isEmpty();
        if (repair) {
            if (wanted.enabled()) {
                PullMirrors.configure(context, wanted, credentials.resolve(context), found);
            } else {
                context.gitlab().disablePullMirror(context.project());
            }
        }
        return record(context, Observation.of(found.get()), drift, repair);
    }

    private Outcome record(MirrorContext context, Observation observed, List<String> drift, boolean repaired) {
        Instant now = clock.instant();
        boolean stuck = observed.stuck(now);
        store.recordObservation(context.id(), observed, stuck, repaired ? List.of() : drift, now);
        StringBuilder detail = new StringBuilder(observed.status());
        if (stuck) {
            detail.append("; stuck since ").append(observed.lastUpdateStartedAt());
        }
        detail.append(drift.isEmpty() ? "; no drift" : "; drift: " + String.join(", ", drift));
        if (repaired) {
            detail.append("; repaired");
        }
        return new Outcome(Kind.VERIFIED, detail.toString());
    }

    private Outcome orphaned(MirrorContext context, DesiredSettings wanted) throws GitLabApiException {
        String why = Orphans.why(context);
        if (!repair(context)) {
            store.markOrphaned(context.id(), why, clock.instant());
            return new Outcome(Kind.VERIFIED, "orphaned: " + why);
        }
        Credentials token = credentials.resolve(context);
        Long pushMirrorId = null;
        if (context.push()) {
            pushMirrorId = PushMirrors.adoptOrCreate(context, wanted, token, true)
                    .mirror()
                    .id();
        } else {
            PullMirrors.configure(context, wanted, token, Optional.empty());
        }
        store.recordInGitLab(context.id(), pushMirrorId, token, clock.instant());
        String detail = "orphaned: " + why + "; re-created" + (pushMirrorId == null ? "" : " as " + pushMirrorId);
        return new Outcome(
                Kind.VERIFIED, wanted.enabled() ? detail + "; " + firstSync.request(context, pushMirrorId) : detail);
    }

    private static boolean repair(MirrorContext context) {
        return context.command() instanceof VerifyMirror verify && verify.repair();
    }
}
