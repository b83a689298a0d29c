package io.mirrormaestro.gitlab.simulator.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** "17.8.2-ee" style version; drives which routes and fields exist. */
public record GitLabVersion(String text, int major, int minor, int patch, boolean enterprise) {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?(.*)");

    public static GitLabVersion parse(String text) {
        Matcher m = VERSION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a GitLab version: " + text);
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new GitLabVersion(
                text.trim(),
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                patch,
                m.group(4).contains("-ee"));
    }

    public boolean atLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }
}
