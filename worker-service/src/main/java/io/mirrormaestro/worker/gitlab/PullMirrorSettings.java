package io.mirrormaestro.worker.gitlab;

/**
 * How a project should pull from its upstream. Credentials are kept apart from the URL: GitLab 17.6+ takes them as
 * {@code auth_user}/{@code auth_password}, older GitLab gets them folded into {@code import_url}.
 *
 * @param url the upstream repository, without credentials
 * @param authUser null for a public upstream
 * @param authPassword the upstream token; null for a public upstream
 * @param branchRegex only these branches (RE2); null for all. Excludes {@code onlyProtectedBranches}.
 * @param mirrorUserId the user GitLab pulls as; only older GitLab takes it, and only from an administrator
 */
public record PullMirrorSettings(
        String url,
        String authUser,
        String authPassword,
        boolean triggerBuilds,
        boolean onlyProtectedBranches,
        boolean overwritesDivergedBranches,
        String branchRegex,
        Long mirrorUserId) {

    public PullMirrorSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a pull mirror needs a URL");
        }
        if (MirrorUrl.hasCredentials(url)) {
            throw new IllegalArgumentException(
                    "pass pull mirror credentials apart from the URL, not inside it: " + MirrorUrl.mask(url));
        }
        if (onlyProtectedBranches && branchRegex != null) {
            throw new IllegalArgumentException("only protected branches and a branch regex exclude each other");
        }
    }

    public static PullMirrorSettings of(String url, String authUser, String authPassword) {
        return new PullMirrorSettings(url, authUser, authPassword, false, false, false, null, null);
    }

    public PullMirrorSettings withTriggerBuilds(boolean value) {
        return new PullMirrorSettings(
                url,
                authUser,
                authPassword,
                value,
                onlyProtectedBranches,
                overwritesDivergedBranches,
                branchRegex,
                mirrorUserId);
    }

    public PullMirrorSettings withOnlyProtectedBranches(boolean value) {
        return new PullMirrorSettings(
                url,
                authUser,
                authPassword,
                triggerBuilds,
                value,
                overwritesDivergedBranches,
                branchRegex,
                mirrorUserId);
    }

    public PullMirrorSettings withOverwritesDivergedBranches(boolean value) {
        return new PullMirrorSettings(
                url, authUser, authPassword, triggerBuilds, onlyProtectedBranches, value, branchRegex, mirrorUserId);
    }

    public PullMirrorSettings withBranchRegex(String value) {
        return new PullMirrorSettings(
                url,
                authUser,
                authPassword,
                triggerBuilds,
                onlyProtectedBranches,
                overwritesDivergedBranches,
                value,
                mirrorUserId);
    }

    public PullMirrorSettings withMirrorUserId(Long value) {
        return new PullMirrorSettings(
                url,
                authUser,
                authPassword,
                triggerBuilds,
                onlyProtectedBranches,
                overwritesDivergedBranches,
                branchRegex,
                value);
    }

    /** The URL with the credentials inside, for GitLab before 17.6. */
    String importUrl() {
        return MirrorUrl.withCredentials(url, authUser, authPassword);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "PullMirrorSettings[url=" + url + ", authUser=" + (authUser == null ? null : "*****")
                + ", authPassword=" + (authPassword == null ? null : "*****") + ", triggerBuilds=" + triggerBuilds
                + ", onlyProtectedBranches=" + onlyProtectedBranches + ", overwritesDivergedBranches="
                + overwritesDivergedBranches + ", branchRegex=" + branchRegex + ", mirrorUserId=" + mirrorUserId
                + "]";
    }
}
