package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.command.DeleteMirror;
import io.mirrormaestro.common.gitlab.PullMirror;
import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.worker.gitlab.MirrorDeletion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gitlab4j.api.GitLabApiException;
import org.springframework.stereotype.Component;

/**
 * Removes the mirror from GitLab, then from our store. Push: the recorded push mirror (already gone is fine) and any
 * other push mirror of the source that points at the target, left by a create that died before recording it. Pull:
 * switches pull mirroring off, unless the target pulls from somewhere else by now.
 */
@Component
class DeleteMirrorAction implements MirrorAction {

    private final MirrorStore store;

    DeleteMirrorAction(MirrorStore store) {
        this.store = store;
    }

    @Override
    public Class<DeleteMirror> commandType() {
        return DeleteMirror.class;
    }

    @Override
    public Outcome run(MirrorContext context) throws GitLabApiException {
        String detail = context.push() ? deletePush(context) : switchOffPull(context);
        store.remove(context.id());
        return new Outcome(Kind.DELETED, "deleted " + context.describe() + ": " + detail);
    }

    private static String deletePush(MirrorContext context) throws GitLabApiException {
        List<String> done = new ArrayList<>();
        Long recorded = context.mirror().mirrorId();
        if (recorded != null) {
            MirrorDeletion deletion = context.gitlab().deletePushMirror(context.project(), recorded);
            done.add(
                    deletion == MirrorDeletion.DELETED
                            ? "GitLab push mirror " + recorded + " removed"
                            : "GitLab push mirror " + recorded + " was already gone");
        }
        int leftovers = 0;
        for (PushMirror other : PushMirrors.pointingAtRemote(context)) {
            context.gitlab().deletePushMirror(context.project(), other.id());
            leftovers++;
        }
        if (leftovers > 0) {
            done.add(leftovers + " more push mirror(s) to the target removed");
        }
        return done.isEmpty() ? "GitLab had no push mirror to the target" : String.join("; ", done);
    }

    private static String switchOffPull(MirrorContext context) throws GitLabApiException {
        Optional<PullMirror> current = PullMirrors.find(context);
        if (current.isEmpty()) {
            return "GitLab was not pulling";
        }
        if (!PullMirrors.pointsAtSource(context, current.get())) {
            return "the project pulls from another repository by now, left as it is";
        }
        context.gitlab().disablePullMirror(context.project());
        return "pull mirroring switched off";
    }
}
