package io.mirrormaestro.api.store;

import io.mirrormaestro.api.activity.ActivityEntry;
import io.mirrormaestro.api.activity.ActivityFacets;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.GroupTokenRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Unique indexes that make duplicate names and group paths impossible even when two requests race; the API checks
 * first for a clear message and maps a lost race to the same 409.
 */
@Component
class ConfigIndexes {

    ConfigIndexes(MongoTemplate mongo) {
        mongo.indexOps(InstanceRecord.class).createIndex(new Index("name", Sort.Direction.ASC).unique());
        mongo.indexOps(PairRecord.class).createIndex(new Index("name", Sort.Direction.ASC).unique());
        mongo.indexOps(GroupTokenRecord.class)
                .createIndex(new Index()
                        .on("gitlab_instance_id", Sort.Direction.ASC)
                        .on("group_path", Sort.Direction.ASC)
                        .unique());
        MirrorCollection.ensureOneMirrorPerProjects(mongo);
        // what the mirror list filters and sorts on; a real MongoDB and the embedded store both plan queries over them
        for (String field : List.of(
                "instance_pair_id",
                "last_update_status",
                "lifecycle",
                "source_project_path",
                "target_project_path",
                "token_expires_at",
                "last_update_at",
                "group_token_id")) {
            mongo.indexOps(MirrorRecord.class).createIndex(new Index(field, Sort.Direction.ASC));
        }
        mongo.indexOps(io.mirrormaestro.common.store.BatchItemRecord.class)
                .createIndex(new Index().on("batch_id", Sort.Direction.ASC).on("status", Sort.Direction.ASC));
        // what the batch, command and activity lists filter and sort on, newest first
        mongo.indexOps(BatchRecord.class).createIndex(new Index("created_at", Sort.Direction.DESC));
        mongo.indexOps(CommandRecord.class)
                .createIndex(new Index().on("subject_id", Sort.Direction.ASC).on("accepted_at", Sort.Direction.DESC));
        mongo.indexOps(ActivityEntry.class).createIndex(new Index("occurred_at", Sort.Direction.DESC));
        mongo.indexOps(ActivityEntry.class)
                .createIndex(new Index().on("subject_id", Sort.Direction.ASC).on("occurred_at", Sort.Direction.DESC));
        mongo.indexOps(ActivityEntry.class).createIndex(new Index("command_id", Sort.Direction.ASC));
        // the dashboard's outcomes per hour (grouped from this index alone), and entries still to be given the fields
        mongo.indexOps(ActivityEntry.class)
                .createIndex(new Index()
                        .on(ActivityFacets.OCCURRED_HOUR, Sort.Direction.ASC)
                        .on(ActivityFacets.SUBJECT_TYPE, Sort.Direction.ASC)
                        .on("outcome", Sort.Direction.ASC));
        ActivityFacets.backfill(mongo);
        mongo.indexOps(GroupDefaultsRecord.class)
                .createIndex(new Index()
                        .on("instance_pair_id", Sort.Direction.ASC)
                        .on("group_path", Sort.Direction.ASC)
                        .unique());
    }
}
