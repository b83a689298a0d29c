package io.mirrormaestro.api.transfer;

import io.mirrormaestro.api.pair.BranchRegex;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.common.command.MirrorDirection;
import io.mirrormaestro.common.settings.GroupPaths;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/**
 * A mirrors file, in any of the original tool's shapes ({@code mirrors[]} with or without {@code pair_id}, ids and
 * {@code metadata}), checked line by line and read into batch lines. The first wrong line is named
 * ({@code mirrors[i].field}, "line n: ...") and nothing is read past it: an import starts whole or not at all.
 */
final class ImportFile {

    private static final Set<String> BOOLEANS = Set.of(
            "mirror_protected_branches",
            "mirror_overwrite_diverged",
            "mirror_trigger_builds",
            "only_mirror_protected_branches",
            "enabled");

    private ImportFile() {}

    /**
     * @param maxLines the most mirrors one file may hold
     * @return one pending line per mirror, numbered from 1 in the file's order
     * @throws UnprocessableException naming the first wrong line and field
     * @throws ResponseStatusException 413 when the file holds more than {@code maxLines} mirrors
     */
    static List<BatchItemRecord> lines(JsonNode file, int maxLines, String batchId) {
        JsonNode entries = file.path("mirrors");
        if (!file.isObject() || !entries.isArray()) {
            throw new UnprocessableException("mirrors", "the file must be a JSON object with a 'mirrors' array");
        }
        if (entries.size() > maxLines) {
            throw new ResponseStatusException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "the file has " + entries.size() + " mirrors; at most " + maxLines + " per import");
        }
        List<BatchItemRecord> items = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int line = 0;
        for (JsonNode entry : entries) {
            line++;
            items.add(item(batchId, line, entry, seen));
        }
        return items;
    }

    private static BatchItemRecord item(String batchId, int line, JsonNode e, Map<String, Integer> seen) {
        if (!e.isObject()) {
            throw new UnprocessableException("mirrors[" + (line - 1) + "]", "line " + line + ": must be an object");
        }
        String source = path(line, e, "source_project_path");
        String target = path(line, e, "target_project_path");
        for (String field : BOOLEANS) {
            JsonNode v = e.get(field);
            if (v != null && !v.isNull() && !v.isBoolean()) {
                throw bad(line, field, "must be true, false or null");
            }
        }
        for (String field : List.of("source_project_id", "target_project_id", "mirror_user_id")) {
            JsonNode v = e.get(field);
            if (v != null && !v.isNull() && !(v.isIntegralNumber() && v.asLong() > 0)) {
                throw bad(line, field, "must be a positive integer or null");
            }
        }
        String direction = text(line, e, "mirror_direction");
        try {
            direction = MirrorDirection.fromInput(direction)
                    .map(MirrorDirection::wireName)
                    .orElse(null);
        } catch (IllegalArgumentException invalid) {
            throw bad(line, "mirror_direction", invalid.getMessage());
        }
        String regex = text(line, e, "mirror_branch_regex");
        try {
            BranchRegex.validate("mirror_branch_regex", regex);
        } catch (UnprocessableException invalid) {
            throw bad(line, "mirror_branch_regex", invalid.errors().get(0).message());
        }
        Integer first = seen.putIfAbsent(source + " -> " + target, line);
        if (first != null) {
            throw bad(line, "source_project_path", "repeats line " + first + " (" + source + " → " + target + ")");
        }
        MirrorRecord.Overrides overrides = new MirrorRecord.Overrides(
                bool(e, "mirror_protected_branches"),
                bool(e, "mirror_overwrite_diverged"),
                bool(e, "mirror_trigger_builds"),
                bool(e, "only_mirror_protected_branches"),
                regex == null || regex.isEmpty() ? null : regex,
                e.hasNonNull("mirror_user_id") ? e.get("mirror_user_id").asLong() : null);
        Boolean enabled = bool(e, "enabled");
        return new BatchItemRecord(
                BatchItemRecord.idOf(batchId, line),
                batchId,
                line,
                source,
                target,
                overrides,
                direction,
                enabled == null || enabled,
                "pending",
                null,
                null,
                null,
                null);
    }

    private static String path(int line, JsonNode e, String field) {
        String value = text(line, e, field);
        if (value == null || !GroupPaths.PROJECT_PATH.matcher(value.trim()).matches()) {
            throw bad(line, field, "must be a project path such as 'group/project'");
        }
        return value.trim();
    }

    private static String text(int line, JsonNode e, String field) {
        JsonNode v = e.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw bad(line, field, "must be a string");
        }
        return v.asString();
    }

    private static Boolean bool(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? null : v.asBoolean();
    }

    /** A wrong line, named as the file has it: {@code mirrors[i].field} and "line n: ...". */
    static UnprocessableException bad(int line, String field, String message) {
        return new UnprocessableException("mirrors[" + (line - 1) + "]." + field, "line " + line + ": " + message);
    }
}
