package io.mirrormaestro.api.batch;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.CommandRecord;
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
import org.springframework.stereotype.Component;

/** A batch's per-line results, a page at a time, each naming its command only when one was issued. */
@Component
class BatchLines {

    private final MongoTemplate mongo;

    BatchLines(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @param status only lines in this status (failed, skipped, ...), or null for all */
    List<Map<String, Object>> page(String batchId, String status, int page, int pageSize) {
        Query lines = Query.query(where("batch_id").is(batchId));
        if (status != null) {
            lines.addCriteria(where("status").is(status));
        }
        lines.with(Sort.by("line")).skip((long) (page - 1) * pageSize).limit(pageSize);
        List<BatchItemRecord> items = mongo.find(lines, BatchItemRecord.class);
        Set<String> issued = issued(items);
        return items.stream().map(item -> line(item, issued)).toList();
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
