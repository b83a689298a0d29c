package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.common.store.MirrorRecord;
import java.time.Clock;
import org.gitlab4j.api.GitLabApiException;
import org.springframework.stereotype.Component;

/** Applies the mirror's current settings and enabled flag to GitLab. */
@Component
class UpdateMirror implements MirrorAction {

    private final MirrorCredentials credentials;
    private final MirrorStore store;
    private final Clock clock;

    UpdateMirror(MirrorCredentials credentials, MirrorStore store, Clock clock) {
        this.credentials = credentials;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public MirrorCommand.Action action() {
        return MirrorCommand.Action.UPDATE;
    }

    @Override
    public Outcome run(MirrorContext context) throws GitLabApiException {
        if (MirrorRecord.PENDING.equals(context.mirror().lifecycle())) {
            // the create still to come reads the settings when it runs
            return new Outcome(
                    "updated",
                    "mirror " + context.id() + " is not in GitLab yet; its creation applies " + "the current settings");
        }
        context.requireActive();
        DesiredSettings wanted = context.settings();
        if (context.push()) {
            long gitlabId = context.gitlabMirrorId();
            PushMirror current = PushMirrors.find(context, gitlabId)
                    .orElseThrow(() -> Orphans.reject(store, context, clock.instant()));
            PushMirrors.apply(context, current, wanted);
        } else {
            Credentials token = wanted.enabled() ? credentials.resolve(context) : null;
            PullMirrors.apply(context, wanted, token);
        }
        store.recordSettingsApplied(context.id(), clock.instant());
        return new Outcome(
                "updated",
                "applied settings to " + context.describe() + ": " + (wanted.enabled() ? "enabled" : "disabled"));
    }
}
