package io.mirrormaestro.api.transfer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.batch.Batches;
import io.mirrormaestro.common.settings.MirrorSettings;
import io.mirrormaestro.common.settings.PullMirroring;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.PairRecord;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Import of a mirrors file into a pair: the whole file is checked first ({@link ImportFile}) and nothing starts if
 * any line is wrong; otherwise a batch that workers carry out.
 */
@Component
class MirrorImport {

    private final Batches batches;
    private final MongoTemplate mongo;
    private final int maxLines;

    MirrorImport(Batches batches, MongoTemplate mongo, ApiSettings settings) {
        this.batches = batches;
        this.mongo = mongo;
        this.maxLines = settings.importMaxLines();
    }

    BatchRecord start(PairRecord pair, JsonNode file) {
        String batchId = Batches.newId();
        List<BatchItemRecord> items = ImportFile.lines(file, maxLines, batchId);
        refusePullOnCommunityEdition(pair, items);
        return batches.create("import", pair.id(), items, batchId);
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
                throw ImportFile.bad(item.line(), "mirror_direction", refusal.get());
            }
        }
    }
}
