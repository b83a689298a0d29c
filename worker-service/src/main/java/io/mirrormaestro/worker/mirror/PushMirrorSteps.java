package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.worker.gitlab.PushMirrorChanges;
import java.util.List;

/**
 * The updates that take a push mirror from what GitLab has to what we want. Usually one; two when switching between
 * "only protected branches" and a branch regex: GitLab refuses both parameters in one request and refuses a mirror
 * with both set, so the old one is switched off first.
 */
final class PushMirrorSteps {

    private PushMirrorSteps() {}

    static List<PushMirrorChanges> toward(PushMirror current, DesiredSettings wanted) {
        PushMirrorChanges base = PushMirrorChanges.none()
                .withEnabled(wanted.enabled())
                .withKeepDivergentRefs(wanted.keepDivergentRefs());
        if (wanted.branchRegex() != null) {
            if (current.onlyProtectedBranches()) {
                return List.of(
                        base.withOnlyProtectedBranches(false),
                        PushMirrorChanges.none().withMirrorBranchRegex(wanted.branchRegex()));
            }
            return List.of(base.withMirrorBranchRegex(wanted.branchRegex()));
        }
        if (DesiredSettings.blankToNull(current.mirrorBranchRegex()) != null) {
            PushMirrorChanges clearRegex = base.withMirrorBranchRegex(""); // GitLab removes the regex on ""
            return wanted.onlyProtectedBranches()
                    ? List.of(clearRegex, PushMirrorChanges.none().withOnlyProtectedBranches(true))
                    : List.of(clearRegex);
        }
        return List.of(base.withOnlyProtectedBranches(wanted.onlyProtectedBranches()));
    }
}
