package io.mirrormaestro.testing;

import java.util.List;
import java.util.Map;

/** Import files as {@code POST /api/export/pair/{id}} takes them. */
public final class ImportFiles {

    private ImportFiles() {}

    /** Push mirrors (the pair's direction) from each path on the source to the same path on the target. */
    public static String betweenEqualPaths(List<String> paths) {
        return ApiClient.JSON.writeValueAsString(Map.of(
                "mirrors",
                paths.stream()
                        .map(path -> Map.of("source_project_path", path, "target_project_path", path))
                        .toList()));
    }
}
