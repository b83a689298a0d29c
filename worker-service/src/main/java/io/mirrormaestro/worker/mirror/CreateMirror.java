package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.worker.command.CommandRejectedException;
import java.time.Clock;
import java.time.Instant;
import org.gitlab4j.api.GitLabApiException;
import org.springframework.stereotype.Component;

/**
 * Puts the mirror in GitLab. Push: adopts a push mirror to the target that an interrupted attempt already created,
 * else creates one. Pull: configures the target project (PUT, idempotent). Then records it and syncs once.
 */
@Component
class CreateMirror implements MirrorAction {

    private final MirrorCredentials credentials;
    private final MirrorStore store;
    private final FirstSync firstSync;
    private final Clock clock;

    CreateMirror(MirrorCredentials credentials, MirrorStore store, FirstSync firstSync, Clock clock) {
        this.credentials = credentials;
        this.store = store;
        this.firstSync = firstSync;
        this.clock = clock;
    }

    @Override
    public MirrorCommand.Action action() {
        return MirrorCommand.Action.CREATE;
    }

    @Override
    public Outcome run(MirrorContext context) throws GitLabApiException {
        if (MirrorRecord.DELETING.equals(context.mirror().lifecycle())) {
            throw new CommandRejectedException("mirror " + context.id() + " was deleted");
        }
        DesiredSettings wanted = context.settings();
        Credentials token = credentials.resolve(context);
        Long pushMirrorId = null;
        String detail;
        if (context.push()) {
            PushMirrors.Placed placed = PushMirrors.adoptOrCreate(context, wanted, token);
            pushMirrorId = placed.mirror().id();
            detail = (placed.adopted() ? "adopted existing GitLab push mirror " : "created GitLab push mirror ")
                    + pushMirrorId + ": " + context.describe();
        } else {
            PullMirrors.apply(context, wanted, token);
            detail = "configured " + context.describe() + (wanted.enabled() ? "" : " (disabled: GitLab does not pull)");
        }
        detail += " with " + token.describe();
        Instant now = clock.instant();
        if (!store.recordCreated(context.id(), pushMirrorId, token, now)) {
            return new Outcome("created", detail + "; deletion requested meanwhile, so no sync");
        }
        if (wanted.enabled()) {
            detail += "; " + firstSync.request(context, pushMirrorId);
        }
        return new Outcome("created", detail);
    }
}
