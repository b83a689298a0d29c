package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.settings.RepositoryUrls;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.worker.command.CommandRejectedException;
import io.mirrormaestro.worker.gitlab.GitLabGateway;
import io.mirrormaestro.worker.gitlab.ProjectRef;
import java.util.List;

/**
 * One mirror command with everything it acts on. "Home" is where GitLab keeps the mirror (push: the source project,
 * pull: the target project); "remote" is the repository the mirror's URL points at, whose group token it embeds.
 *
 * @param attempt the command's attempt this context serves
 * @param gitlab the gateway of the home instance
 */
record MirrorContext(
        MirrorCommand command,
        int attempt,
        MirrorRecord mirror,
        PairRecord pair,
        InstanceRecord source,
        InstanceRecord target,
        List<GroupDefaultsRecord> defaults,
        GitLabGateway gitlab) {

    long id() {
        return mirror.id();
    }

    boolean push() {
        return mirror.isPush();
    }

    /** By numeric id: it survives renames of the project. */
    ProjectRef project() {
        return ProjectRef.of(push() ? mirror.sourceProjectId() : mirror.targetProjectId());
    }

    String projectPath() {
        return push() ? mirror.sourceProjectPath() : mirror.targetProjectPath();
    }

    InstanceRecord remoteInstance() {
        return push() ? target : source;
    }

    String remotePath() {
        return push() ? mirror.targetProjectPath() : mirror.sourceProjectPath();
    }

    /** The remote repository's URL, without credentials. */
    String remoteUrl() {
        return RepositoryUrls.of(remoteInstance().url(), remotePath());
    }

    /** Resolved on each call, so a conflict in the settings only stops the actions that need them. */
    DesiredSettings settings() {
        return DesiredSettings.resolve(mirror, pair, defaults);
    }

    /** {@code push mirror a/b (gitlab-a) → c/d (gitlab-b)}, for messages; never with credentials. */
    String describe() {
        String from = mirror.sourceProjectPath() + " (" + source.name() + ")";
        String to = mirror.targetProjectPath() + " (" + target.name() + ")";
        return push() ? "push mirror " + from + " → " + to : "pull mirror " + to + " ← " + from;
    }

    void requireActive() {
        if (!MirrorRecord.ACTIVE.equals(mirror.lifecycle())) {
            throw new CommandRejectedException(
                    "mirror " + id() + " is " + mirror.lifecycle() + ", not active in GitLab: nothing to do there");
        }
    }

    /** The push mirror's id in GitLab, which an active push mirror always has. */
    long gitlabMirrorId() {
        if (mirror.mirrorId() == null) {
            throw new CommandRejectedException(
                    "mirror " + id() + " has no GitLab push mirror id recorded; verify with repair re-creates it");
        }
        return mirror.mirrorId();
    }
}
