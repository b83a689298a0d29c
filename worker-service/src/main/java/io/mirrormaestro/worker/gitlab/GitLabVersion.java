package io.mirrormaestro.worker.gitlab;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code GET /version} reports, e.g. {@code 17.8.2-ee}. */
public record GitLabVersion(String version, String revision) {

    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

    /** True when this GitLab is {@code major.minor} or newer; an unparseable version counts as old. */
    public boolean atLeast(int major, int minor) {
        Matcher m = MAJOR_MINOR.matcher(version == null ? "" : version.trim());
        if (!m.find()) {
            return false;
        }
        int actualMajor = Integer.parseInt(m.group(1));
        int actualMinor = Integer.parseInt(m.group(2));
        return actualMajor > major || actualMajor == major && actualMinor >= minor;
    }

    /** Enterprise Edition: pull mirroring exists only there. */
    public boolean enterprise() {
        return version != null && version.trim().endsWith("-ee");
    }
}
