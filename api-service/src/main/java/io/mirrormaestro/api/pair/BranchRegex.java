package io.mirrormaestro.api.pair;

import com.google.re2j.PatternSyntaxException;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.common.settings.MirrorSettings;

/**
 * The branch settings of one level (a pair, a group's defaults), checked as GitLab will: the regex with RE2, and not
 * together with protected branches only ({@link MirrorSettings#excludeEachOther}).
 */
public final class BranchRegex {

    private BranchRegex() {}

    /** A 422 on {@code mirror_branch_regex} when the regex is no RE2 or excludes protected branches only. */
    public static void validateWith(Boolean onlyMirrorProtectedBranches, String regex) {
        validate("mirror_branch_regex", regex);
        if (MirrorSettings.excludeEachOther(onlyMirrorProtectedBranches, regex)) {
            throw new UnprocessableException(
                    "mirror_branch_regex",
                    "cannot be combined with only_mirror_protected_branches (GitLab refuses both)");
        }
    }

    public static void validate(String field, String regex) {
        if (regex == null || regex.isEmpty()) {
            return;
        }
        try {
            com.google.re2j.Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new UnprocessableException(field, "is not a valid RE2 regular expression: " + e.getDescription());
        }
    }
}
