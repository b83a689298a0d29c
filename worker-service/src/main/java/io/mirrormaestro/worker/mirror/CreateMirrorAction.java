package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.command.CreateMirror;
import io.mirrormaestro.common.command.ImportMirrorLine;
import io.mirrormaestro.common.gitlab.PullMirror;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.worker.command.CommandRejectedException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.gitlab4j.api.GitLabApiException;
import org.springframework.stereotype.Component;

/**
 * Puts the mirror in GitLab, for a {@link CreateMirror} and, once {@code ImportLines} recorded the mirror, an
 * {@link ImportMirrorLine}. Push: finds the push mirrors of the source that point at the target; one found is adopted
 * (our settings applied) or refused by {@link #mayAdopt}, else a new one is created. Pull: reads the target's pull
 * mirror when one may have to be refused, then configures it (PUT, idempotent). Then records it and syncs once.
 */
@Component
class CreateMirrorAction implements MirrorAction {

    private final MirrorCredentials credentials;
    private final MirrorStore store;
    private final FirstSync firstSync;
    private final Clock clock;

    CreateMirrorAction(MirrorCredentials credentials, MirrorStore store, FirstSync firstSync, Clock clock) {
        this.credentials = credentials;
        this.store = store;
        this.firstSync = firstSync;
        this.clock = clock;
    }

    @Override
    public Class<CreateMirror> commandType() {
        return CreateMirror.class;
    }

    @Override
    public Outcome run(MirrorContext context) throws GitLabApiException {
        if (MirrorRecord.DELETING.equals(context.mirror().lifecycle())) {
            throw new CommandRejectedException("mirror " + context.id() + " was deleted");
        }
        DesiredSettings wanted = context.settings();
        Credentials token = credentials.resolve(context);
        boolean mayAdopt = mayAdopt(context);
        Long pushMirrorId = null;
        String detail;
        boolean adopted = false;
        if (context.push()) {
            PushMirrors.Placed placed = PushMirrors.adoptOrCreate(context, wanted, token, mayAdopt);
            pushMirrorId = placed.mirror().id();
            adopted = placed.adopted();
            detail = (adopted ? "adopted existing GitLab push mirror " : "created GitLab push mirror ") + pushMirrorId
                    + ": " + context.describe();
        } else {
            Optional<PullMirror> current = wanted.enabled() || !mayAdopt ? PullMirrors.find(context) : Optional.empty();
            if (!mayAdopt
                    && current.filter(m -> !Boolean.FALSE.equals(m.enabled())).isPresent()) {
                throw new CommandRejectedException(ALREADY_MIRRORED + ": " + context.projectPath()
                        + " already pulls from " + current.get().url() + " (GitLab allows one pull mirror per "
                        + "project); remove it in GitLab first, or create the mirror with adopt_existing");
            }
            if (wanted.enabled()) {
                PullMirrors.configure(context, wanted, token, current);
            } else {
                context.gitlab().disablePullMirror(context.project());
            }
            detail = "configured " + context.describe() + (wanted.enabled() ? "" : " (disabled: GitLab does not pull)");
        }
        detail += " with " + token.describe();
        Kind kind = adopted ? Kind.ADOPTED : Kind.CREATED;
        Instant now = clock.instant();
        if (!store.recordCreated(context.id(), pushMirrorId, token, now)) {
            return new Outcome(kind, detail + "; deletion requested meanwhile, so no sync");
        }
        if (wanted.enabled()) {
            detail += "; " + firstSync.request(context, pushMirrorId);
        }
        return new Outcome(kind, detail);
    }

    /** The words a refused create starts with, so people and notification rules can tell it from other failures. */
    static final String ALREADY_MIRRORED = "already mirrored in GitLab";

    /**
     * The one adopt-or-refuse rule: take over a mirror GitLab already has when the command asks to
     * ({@code adopt_existing}, every import line), or when it can be ours: an earlier attempt of this command may
     * have created it before dying, and a mirror id already recorded is ours.
     */
    static boolean mayAdopt(MirrorContext context) {
        // an ImportMirrorLine always adopts; VerifyMirror's repair re-creates through PushMirrors, adopting too
        boolean asked = !(context.command() instanceof CreateMirror create) || create.adoptExisting();
        return asked || context.attempt() > 1 || context.mirror().mirrorId() != null;
    }
}
