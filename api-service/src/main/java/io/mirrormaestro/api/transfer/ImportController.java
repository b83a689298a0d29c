package io.mirrormaestro.api.transfer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.batch.Batches;
import io.mirrormaestro.api.pair.BranchRegex;
import io.mirrormaestro.api.pair.Pairs;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.common.settings.GroupPaths;
import io.mirrormaestro.common.settings.MirrorSettings;
import io.mirrormaestro.common.settings.PullMirroring;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Import of a mirrors file, in any of the original tool's shapes ({@code mirrors[]} with or without {@code pair_id},
 * ids and {@code metadata}). The whole file is checked first and nothing starts if any line is wrong (the answer
 * names the first bad line); otherwise it answers 202 with a batch that workers carry out.
 */
@RestController
class ImportController {

    private static final Set<String> BOOLEANS = Set.of(
            "mirror_protected_branches",
            "mirror_overwrite_diverged",
            "mirror_trigger_builds",
            "only_mirror_protected_branches",
            "enabled");

    private final Pairs pairs;
    private final Batches batches;
    private final MongoTemplate mongo;
    private final ObjectMapper json;
    private final long maxBytes;
    private final int maxLines;

    ImportController(
            Pairs pairs,
            Batches batches,
            MongoTemplate mongo,
            ObjectMapper json,
            @Value("${mm.api.import-max-bytes:33554432}") long maxBytes,
            @Value("${mm.api.import-max-lines:50000}") int maxLines) {
        this.pairs = pairs;
        this.batches = batches;
        this.mongo = mongo;
        this.json = json;
        this.maxBytes = maxBytes;
        this.maxLines = maxLines;
    }

    @PostMapping("/api/export/pair/{id}")
    ResponseEntity<Map<String, Object>> importFile(@PathVariable long id, HttpServletRequest request)
            throws IOException {
        String contentType = request.getContentType();
        if (!isJson(contentType)) {
            // a body a cross-site page can send without a CORS preflight (text/plain, a form, none) is never read
            throw new ResponseStatusException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    (contentType == null || contentType.isBlank()
                                    ? "a Content-Type is missing"
                                    : "Content-Type " + contentType.trim().split(";", 2)[0] + " is not supported")
                            + ": send the mirrors file itself as the body, as application/json");
        }
        PairRecord pair = pairs.get(id);
        JsonNode file = read(request);
        JsonNode entries = file.path("mirrors");
        if (!file.isObject() || !entries.isArray()) {
            throw new UnprocessableException("mirrors", "the file must be a JSON object with a 'mirrors' array");
        }
        if (entries.size() > maxLines) {
            throw new ResponseStatusException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "the file has " + entries.size() + " mirrors; at most " + maxLines + " per import");
        }
        String batchId = Batches.newId();
        List<BatchItemRecord> items = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int line = 0;
        for (JsonNode entry : entries) {
            line++;
            items.add(item(batchId, line, entry, seen));
        }
        refusePullOnCommunityEdition(pair, items);
        BatchRecord batch = batches.create("import", id, items, batchId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "accepted");
        body.put("batch_id", batch.id());
        body.put("total", batch.total());
        body.put("status_url", URI.create("/api/batches/" + batch.id()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /**
     * Lines that would be pull mirrors (by their own direction, a group default or the pair's) into a target instance
     * that runs GitLab Community Edition cannot work: the first one is named before anything starts.
     */
    private void refusePullOnCommunityEdition(PairRecord pair, List<BatchItemRecord> items) {
        Optional<String> refusal = PullMirroring.refusal(mongo.findById(pair.targetInstanceId(), InstanceRecord.class));
        if (refusal.isEmpty()) {
            return;
        }
        List<GroupDefaultsRecord> defaults =
                mongo.find(Query.query(where("instance_pair_id").is(pair.id())), GroupDefaultsRecord.class);
        for (BatchItemRecord item : items) {
            String direction;
            try {
                direction = MirrorSettings.directionOf(
                        pair, defaults, item.mirrorDirection(), item.sourceProjectPath(), item.targetProjectPath());
            } catch (RuntimeException unresolvable) {
                continue; // the line fails with the reason when it runs
            }
            if (direction.equals("pull")) {
                throw bad(item.line(), "mirror_direction", refusal.get());
            }
        }
    }

    private JsonNode read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return json.readTree(bytes);
        } catch (JacksonException e) {
            throw new UnprocessableException("body", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private ResponseStatusException tooLarge() {
        return new ResponseStatusException(
                HttpStatus.CONTENT_TOO_LARGE, "the file is larger than " + maxBytes + " bytes");
    }

    private static BatchItemRecord item(String batchId, int line, JsonNode e, Map<String, Integer> seen) {
        if (!e.isObject()) {
            throw bad(line, "mirrors[" + (line - 1) + "]", "must be an object");
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
        if (direction != null) {
            direction = direction.trim().toLowerCase(Locale.ROOT);
            if (!direction.equals("push") && !direction.equals("pull")) {
                throw bad(line, "mirror_direction", "must be 'push' or 'pull'");
            }
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

    private static UnprocessableException bad(int line, String field, String message) {
        return new UnprocessableException("mirrors[" + (line - 1) + "]." + field, "line " + line + ": " + message);
    }
}
