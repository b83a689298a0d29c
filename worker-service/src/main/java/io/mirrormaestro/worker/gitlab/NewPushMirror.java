package io.mirrormaestro.worker.gitlab;

import io.mirrormaestro.common.gitlab.PushAuthMethod;

/**
 * A push mirror to create. The target's credentials travel inside {@code url}, as GitLab expects; they can never be
 * changed afterwards (rotation means a new mirror).
 *
 * @param enabled GitLab's own default is disabled, so the value is always sent
 * @param mirrorBranchRegex only these branches (RE2, Premium, GitLab 16.2+); null for all. GitLab rejects it
 *     together with {@code only_protected_branches}, so that one is left out of the request when a regex is set.
 * @param authMethod null leaves GitLab's default ({@code password})
 */
public record NewPushMirror(
        String url,
        boolean enabled,
        boolean onlyProtectedBranches,
        boolean keepDivergentRefs,
        String mirrorBranchRegex,
        PushAuthMethod authMethod) {

    public NewPushMirror {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a push mirror needs a URL");
        }
        if (onlyProtectedBranches && mirrorBranchRegex != null) {
            throw new IllegalArgumentException("only protected branches and a branch regex exclude each other");
        }
    }

    public static NewPushMirror of(String url) {
        return new NewPushMirror(url, true, false, false, null, null);
    }

    public NewPushMirror withEnabled(boolean value) {
        return new NewPushMirror(url, value, onlyProtectedBranches, keepDivergentRefs, mirrorBranchRegex, authMethod);
    }

    public NewPushMirror withOnlyProtectedBranches(boolean value) {
        return new NewPushMirror(url, enabled, value, keepDivergentRefs, mirrorBranchRegex, authMethod);
    }

    public NewPushMirror withKeepDivergentRefs(boolean value) {
        return new NewPushMirror(url, enabled, onlyProtectedBranches, value, mirrorBranchRegex, authMethod);
    }

    public NewPushMirror withMirrorBranchRegex(String value) {
        return new NewPushMirror(url, enabled, onlyProtectedBranches, keepDivergentRefs, value, authMethod);
    }

    public NewPushMirror withAuthMethod(PushAuthMethod value) {
        return new NewPushMirror(url, enabled, onlyProtectedBranches, keepDivergentRefs, mirrorBranchRegex, value);
    }

    /** Never prints the credentials in the URL. */
    @Override
    public String toString() {
        return "NewPushMirror[url=" + MirrorUrl.mask(url) + ", enabled=" + enabled + ", onlyProtectedBranches="
                + onlyProtectedBranches
                + ", keepDivergentRefs=" + keepDivergentRefs + ", mirrorBranchRegex=" + mirrorBranchRegex
                + ", authMethod=" + authMethod + "]";
    }
}
