package io.mirrormaestro.gitlab.simulator.mirrors;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;

/**
 * mirror_branch_regex validation: {@code validates :mirror_branch_regex, untrusted_regexp: true, length: { maximum:
 * 255 }} on push mirrors (ee/app/models/ee/remote_mirror.rb) and on the project's pull mirror
 * (ee/app/models/ee/project_setting.rb). UntrustedRegexpValidator compiles with RE2 and adds "not valid RE2 syntax:
 * &lt;RE2's error&gt;" (app/validators/untrusted_regexp_validator.rb). RE2/J reports Go's wording; the common errors
 * are translated to the C++ RE2 wording GitLab's re2 gem shows.
 */
public final class BranchFilter {
    static final int MAX_LENGTH = 255;

    private static final Map<String, String> RE2_WORDING = Map.of(
            "missing closing )", "missing )",
            "missing closing ]", "missing ]",
            "missing argument to repetition operator", "no argument for repetition operator",
            "invalid repeat count", "bad repetition operator",
            "invalid nested repetition operator", "bad repetition operator",
            "invalid or unsupported Perl syntax", "invalid perl operator",
            "invalid named capture", "invalid named capture group",
            "trailing backslash at end of expression", "trailing \\",
            "regexp/syntax: internal error", "unexpected )");

    private BranchFilter() {}

    /** Null when GitLab accepts the regex (null and blank are "no filter"), else its validation message. */
    public static String problem(String regex) {
        if (regex == null || regex.isEmpty()) {
            return null;
        }
        if (regex.length() > MAX_LENGTH) {
            return "is too long (maximum is " + MAX_LENGTH + " characters)";
        }
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            String description = RE2_WORDING.getOrDefault(e.getDescription(), e.getDescription());
            String culprit = e.getDescription().startsWith("regexp/syntax") ? regex : e.getPattern();
            return "not valid RE2 syntax: " + description + (culprit.isEmpty() ? "" : ": " + culprit);
        }
    }
}
