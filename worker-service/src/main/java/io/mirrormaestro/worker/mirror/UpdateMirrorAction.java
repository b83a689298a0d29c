package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.command.UpdateMirror;
import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.common.store.MirrorRecord;
import java.time.Clock;
import org.gitlab4j.api.GitLabApiException;
import org.springframework.stereotype.Component;

/** Applies the mirror's current settings and enabled flag to GitLab. */
@Component
class UpdateMirrorAction implements MirrorAction {

    private final MirrorCredentials credentials;
    private final MirrorStore store;
    private final Clock clock;

    UpdateMirrorAction(MirrorCredentials credentials, MirrorStore store, Clock clock) {
        this.credentials = credentials;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Class<UpdateMirror> commandType() {
        return UpdateMirror.class;
    }

    @Override
    public Outcome run(MirrorContext context) throws GitLabApiException {
        if (MirrorRecord.PENDING.equals(context.mirror().lifecycle())) {
            // the create still to come reads the settings when it runs
            return new Outcome(
                    Kind.UPDATED,
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
                Kind.UPDATED,
                "applied settings to " + context.describe() + ": " + (wanted.enabled() ? "enabled" : "disabled"));
    }
}
