package io.mirrormaestro.api.pair;

import com.google.re2j.PatternSyntaxException;
import io.mirrormaestro.api.problem.UnprocessableException;

/** GitLab evaluates mirror branch regexes with RE2; reject what RE2 would reject before GitLab does. */
public final class BranchRegex {

    private BranchRegex() {}

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
