package io.mirrormaestro.worker.gitlab;

import io.mirrormaestro.common.gitlab.PushAuthMethod;

/**
 * Changes to an existing push mirror; null leaves a setting as it is. There is deliberately no URL: GitLab ignores
 * it on update, so credentials cannot change in place.
 *
 * @param mirrorBranchRegex an empty string removes the regex
 */
public record PushMirrorChanges(
        Boolean enabled,
        Boolean onlyProtectedBranches,
        Boolean keepDivergentRefs,
        String mirrorBranchRegex,
        PushAuthMethod authMethod) {

    public PushMirrorChanges {
        if (onlyProtectedBranches != null && mirrorBranchRegex != null) {
            // GitLab answers 400 when both parameters are present, whatever their values
            throw new IllegalArgumentException("change either only protected branches or the branch regex");
        }
    }

    public static PushMirrorChanges none() {
        return new PushMirrorChanges(null, null, null, null, null);
    }

    public PushMirrorChanges withEnabled(boolean value) {
        return new PushMirrorChanges(value, onlyProtectedBranches, keepDivergentRefs, mirrorBranchRegex, authMethod);
    }

    public PushMirrorChanges withOnlyProtectedBranches(boolean value) {
        return new PushMirrorChanges(enabled, value, keepDivergentRefs, mirrorBranchRegex, authMethod);
    }

    public PushMirrorChanges withKeepDivergentRefs(boolean value) {
        return new PushMirrorChanges(enabled, onlyProtectedBranches, value, mirrorBranchRegex, authMethod);
    }

    public PushMirrorChanges withMirrorBranchRegex(String value) {
        return new PushMirrorChanges(enabled, onlyProtectedBranches, keepDivergentRefs, value, authMethod);
    }

    public PushMirrorChanges withAuthMethod(PushAuthMethod value) {
        return new PushMirrorChanges(enabled, onlyProtectedBranches, keepDivergentRefs, mirrorBranchRegex, value);
    }
}
