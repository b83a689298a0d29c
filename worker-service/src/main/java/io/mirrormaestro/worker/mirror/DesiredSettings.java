package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.gitlab.PullMirror;
import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.common.settings.MirrorSettings;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.worker.command.CommandRejectedException;
import io.mirrormaestro.worker.gitlab.NewPushMirror;
import io.mirrormaestro.worker.gitlab.PullMirrorSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What GitLab should have for one mirror, in GitLab's terms: the mirror's overrides, group defaults and pair defaults
 * resolved field by field, then mapped ({@code keep_divergent_refs} is the opposite of "overwrite diverged").
 *
 * @param branchRegex null for all branches; never blank
 * @param mirrorUserId pull mirrors on GitLab before 17.6 only
 */
record DesiredSettings(
        boolean enabled,
        boolean onlyProtectedBranches,
        boolean overwriteDiverged,
        String branchRegex,
        boolean triggerBuilds,
        Long mirrorUserId) {

    static DesiredSettings resolve(MirrorRecord mirror, PairRecord pair, List<GroupDefaultsRecord> defaults) {
        MirrorSettings s = MirrorSettings.forMirror(mirror, pair, defaults);
        String regex = blankToNull(s.mirrorBranchRegex().value());
        boolean onlyProtected =
                Boolean.TRUE.equals(s.onlyMirrorProtectedBranches().value());
        s.conflict().ifPresent(why -> {
            throw new CommandRejectedException(why); // a pair or group default changed since the API checked
        });
        return new DesiredSettings(
                mirror.enabled(),
                onlyProtected,
                Boolean.TRUE.equals(s.mirrorOverwriteDiverged().value()),
                regex,
                Boolean.TRUE.equals(s.mirrorTriggerBuilds().value()),
                s.mirrorUserId().value());
    }

    boolean keepDivergentRefs() {
        return !overwriteDiverged;
    }

    NewPushMirror newPushMirror(String credentialedUrl) {
        return new NewPushMirror(
                credentialedUrl, enabled, onlyProtectedBranches, keepDivergentRefs(), branchRegex, null);
    }

    PullMirrorSettings pullSettings(String url, Credentials credentials) {
        return new PullMirrorSettings(
                url,
                credentials.userName(),
                credentials.secret(),
                triggerBuilds,
                onlyProtectedBranches,
                overwriteDiverged,
                branchRegex,
                mirrorUserId);
    }

    /** Names (GitLab's) of the push mirror's settings that differ from ours. */
    List<String> driftOf(PushMirror gitlab) {
        List<String> drift = new ArrayList<>();
        if (gitlab.enabled() != enabled) {
            drift.add("enabled");
        }
        if (gitlab.onlyProtectedBranches() != onlyProtectedBranches) {
            drift.add("only_protected_branches");
        }
        if (gitlab.keepDivergentRefs() != keepDivergentRefs()) {
            drift.add("keep_divergent_refs");
        }
        if (!Objects.equals(blankToNull(gitlab.mirrorBranchRegex()), branchRegex)) {
            drift.add("mirror_branch_regex");
        }
        return drift;
    }

    /**
     * Names (GitLab's) of the pull mirror's settings that differ from ours. GitLab reports the configuration only
     * since 17.5; before that only whether it mirrors at all (and from where) can be compared.
     */
    List<String> driftOf(PullMirror gitlab, boolean pointsAtSource) {
        List<String> drift = new ArrayList<>();
        boolean gitlabEnabled = gitlab.enabled() == null || gitlab.enabled();
        if (gitlabEnabled != enabled) {
            drift.add("enabled");
        }
        if (!pointsAtSource) {
            drift.add("url");
        }
        if (gitlab.enabled() == null) {
            return drift;
        }
        differs(drift, "only_mirror_protected_branches", gitlab.onlyMirrorProtectedBranches(), onlyProtectedBranches);
        differs(
                drift,
                "mirror_overwrites_diverged_branches",
                gitlab.mirrorOverwritesDivergedBranches(),
                overwriteDiverged);
        differs(drift, "mirror_trigger_builds", gitlab.mirrorTriggerBuilds(), triggerBuilds);
        if (!Objects.equals(blankToNull(gitlab.mirrorBranchRegex()), branchRegex)) {
            drift.add("mirror_branch_regex");
        }
        return drift;
    }

    private static void differs(List<String> drift, String name, Boolean gitlab, boolean ours) {
        if (gitlab != null && gitlab != ours) {
            drift.add(name);
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
