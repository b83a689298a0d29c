package io.mirrormaestro.common.settings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** GitLab namespace paths: syntax, and the groups a project sits in from the most specific up. */
public final class GroupPaths {

    /** GitLab group path: segments of letters, digits, '_', '-', '.', not starting with '-' or '.'. */
    public static final String GROUP_PATH_REGEX =
            "[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}(/[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}){0,19}";

    public static final String GROUP_PATH_MESSAGE = "must be a GitLab group path such as 'platform' or 'platform/core'";

    public static final Pattern GROUP_PATH = Pattern.compile(GROUP_PATH_REGEX);

    /** A project path has at least one group above the project. */
    public static final Pattern PROJECT_PATH =
            Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}(/[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}){1,20}");

    private GroupPaths() {}

    /** {@code platform/core/api} → {@code [platform/core, platform]}. */
    public static List<String> namespacesOf(String projectPath) {
        List<String> result = new ArrayList<>();
        String path = projectPath;
        int slash = path.lastIndexOf('/');
        while (slash > 0) {
            path = path.substring(0, slash);
            result.add(path);
            slash = path.lastIndexOf('/');
        }
        return result;
    }

    /** Namespaces of each project, most specific first, the first project's before the second's, no repeats. */
    public static List<String> namespacesOf(String firstProject, String secondProject) {
        LinkedHashSet<String> all = new LinkedHashSet<>(namespacesOf(firstProject));
        if (secondProject != null) {
            all.addAll(namespacesOf(secondProject));
        }
        return List.copyOf(all);
    }
}
