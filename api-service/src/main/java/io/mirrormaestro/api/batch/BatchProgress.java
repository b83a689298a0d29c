package io.mirrormaestro.api.batch;

import io.mirrormaestro.common.command.Command;
import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.event.CommandFailed;
import io.mirrormaestro.common.event.Event;
import io.mirrormaestro.common.event.MirrorChanged;
import io.mirrormaestro.common.kafka.Json;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.CommandRecord;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Turns the outcome of a batch line's command (create for imports, the operation for others) into its final status. */
@Component
public class BatchProgress {

    private final MongoTemplate mongo;
    private final Batches batches;

    BatchProgress(MongoTemplate mongo, Batches batches) {
        this.mongo = mongo;
        this.batches = batches;
    }

    public void on(Event event) {
        if (event instanceof MirrorChanged changed && changed.batchId() != null) {
            finish(changed.batchId(), changed.mirrorId(), "succeeded", changed.detail());
        } else if (event instanceof CommandFailed failed && failed.subjectId().startsWith("mirror:")) {
            CommandRecord record = mongo.findById(failed.commandId(), CommandRecord.class);
            if (record != null) {
                Command command = Json.mapper().readValue(record.payload(), Command.class);
                if (command instanceof MirrorCommand mirror && mirror.batchId() != null) {
                    finish(mirror.batchId(), mirror.mirrorId(), "failed", failed.reason());
                }
            }
        }
    }

    /** @param line the batch line a command carried out ({@code <batch>:<line>}): found by its key, not searched for */
    private void finish(String line, long mirrorId, String status, String message) {
        BatchItemRecord item = mongo.findById(line, BatchItemRecord.class);
        if (item != null
                && item.mirrorId() != null
                && item.mirrorId() == mirrorId
                && batches.move(item, List.of("creating", "in_progress"), status, Map.of("message", message))) {
            batches.count(item.batchId(), "in_progress", status);
        }
    }
}
