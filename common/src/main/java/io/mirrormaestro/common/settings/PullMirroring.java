package io.mirrormaestro.common.settings;

import io.mirrormaestro.common.store.InstanceRecord;
import java.util.Locale;
import java.util.Optional;

/**
 * Pull mirroring is a GitLab Premium feature: Community Edition has no pull mirrors at all (its API answers 404 or
 * ignores the mirror settings). A pull mirror is configured on the target project, so the target instance is the one
 * that must run Enterprise Edition; what GitLab reported when the instance was registered or last checked
 * ({@code gitlab_edition}) decides. An instance whose edition is unknown is given the benefit of the doubt, and GitLab
 * then has the last word.
 */
public final class PullMirroring {

    private PullMirroring() {}

    /** {@code ee} or {@code ce}, from a version GitLab reports such as {@code 17.8.2-ee}. */
    public static String editionOf(String version) {
        return version != null && version.trim().toLowerCase(Locale.ROOT).endsWith("-ee") ? "ee" : "ce";
    }

    /** @return why the instance cannot pull from another, or empty when it may */
    public static Optional<String> refusal(InstanceRecord target) {
        if (target == null || !"ce".equals(target.gitlabEdition())) {
            return Optional.empty();
        }
        String version = target.gitlabVersion() == null ? "" : " " + target.gitlabVersion();
        return Optional.of("pull mirroring needs GitLab Premium (Enterprise Edition), and instance '" + target.name()
                + "', the target that would pull, runs GitLab" + version
                + " Community Edition; mirror into it with a push mirror from the source instead");
    }
}
