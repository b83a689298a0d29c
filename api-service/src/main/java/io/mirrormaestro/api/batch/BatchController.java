package io.mirrormaestro.api.batch;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.CommandRecord;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Batch progress and per-line results; progress also streams on {@code /topic/batches/{id}}. */
@RestController
@RequestMapping("/api/batches")
class BatchController {

    private final Batches batches;
    private final BatchListing listing;
    private final MongoTemplate mongo;

    BatchController(Batches batches, BatchListing listing, MongoTemplate mongo) {
        this.batches = batches;
        this.listing = listing;
        this.mongo = mongo;
    }

    /**
     * Batches newest first, each as its summary without lines.
     *
     * @param kind import, or an operation: sync, enable, disable, delete, verify, repair
     * @param status running, cancelling, completed or cancelled
     * @param pairId the pair the batch is for (0: an operation over a selection across pairs)
     */
    @GetMapping
    BatchListing.Page list(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String status,
            @RequestParam(name = "instance_pair_id", required = false) Long pairId,
            @RequestParam(defaultValue = "1") @Min(1) int page,
            @RequestParam(name = "page_size", defaultValue = "50") @Min(1) @Max(200) int pageSize) {
        return listing.page(kind, status, pairId, page, pageSize);
    }

    /**
     * The counters, and one page of lines ({@code line_status} to see only failed or skipped ones, say;
     * {@code lines_page_size=0} for the counters alone).
     */
    @GetMapping("/{id}")
    Map<String, Object> get(
            @PathVariable String id,
            @RequestParam(name = "line_status", required = false) String lineStatus,
            @RequestParam(name = "lines_page", defaultValue = "1") @Min(1) int page,
            @RequestParam(name = "lines_page_size", defaultValue = "100") @Min(0) @Max(1000) int pageSize) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batch", BatchView.of(batches.get(id)));
        if (pageSize == 0) {
            body.put("lines", List.of()); // the counters only: a cheap poll
            return body;
        }
        Query lines = Query.query(where("batch_id").is(id));
        if (lineStatus != null) {
            lines.addCriteria(where("status").is(lineStatus));
        }
        lines.with(Sort.by("line")).skip((long) (page - 1) * pageSize).limit(pageSize);
        List<BatchItemRecord> items = mongo.find(lines, BatchItemRecord.class);
        Set<String> issued = issued(items);
        List<Map<String, Object>> results =
                items.stream().map(item -> line(item, issued)).toList();
        body.put("lines", results);
        return body;
    }

    @PostMapping("/{id}/cancel")
    BatchView cancel(@PathVariable String id) {
        return BatchView.of(batches.cancel(id));
    }

    /**
     * Which of the lines' command ids were issued: a line gets its id when it is handed out, but a line the runner
     * ended itself (already mirrored, mirror gone, ...) has no command behind it.
     */
    private Set<String> issued(List<BatchItemRecord> items) {
        List<UUID> ids = items.stream()
                .map(BatchItemRecord::commandId)
                .filter(Objects::nonNull)
                .map(UUID::fromString)
                .toList();
        if (ids.isEmpty()) {
            return Set.of();
        }
        Query commands = Query.query(where("_id").in(ids));
        commands.fields().include("_id");
        return mongo.find(commands, Document.class, CommandRecord.COLLECTION).stream()
                .map(command -> String.valueOf(command.get("_id", UUID.class)))
                .collect(Collectors.toSet());
    }

    /** @param issued the command ids that were issued: a line names its command only when it has one */
    private static Map<String, Object> line(BatchItemRecord item, Set<String> issued) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("line", item.line());
        line.put("source_project_path", item.sourceProjectPath());
        line.put("target_project_path", item.targetProjectPath());
        line.put("status", item.status());
        line.put("mirror_id", item.mirrorId());
        line.put("message", item.message());
        line.put("existing_mirror_id", item.existingMirrorId());
        line.put("command_id", item.commandId() != null && issued.contains(item.commandId()) ? item.commandId() : null);
        return line;
    }
}
