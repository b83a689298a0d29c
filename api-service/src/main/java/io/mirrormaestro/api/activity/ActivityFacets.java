package io.mirrormaestro.api.activity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.BeforeSaveCallback;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Two fields every stored activity entry carries beside the record's own, derived from it as it is written: {@code
 * subject_type} (what the subject id names: {@code mirror}, {@code batch}, …) and {@code occurred_hour} (the hour it
 * happened in). The dashboard counts outcomes per hour and per kind of subject by grouping on them, which an index can
 * answer, instead of reading each entry of the last day.
 */
@Component
public class ActivityFacets implements BeforeSaveCallback<ActivityEntry> {

    public static final String SUBJECT_TYPE = "subject_type";
    public static final String OCCURRED_HOUR = "occurred_hour";
    public static final String COLLECTION = "activity";

    @Override
    public ActivityEntry onBeforeSave(ActivityEntry entry, Document document, String collection) {
        add(document, entry.subjectId(), entry.occurredAt());
        return entry;
    }

    /** Sets both fields on a stored entry's document. */
    static void add(Document document, String subjectId, Instant occurredAt) {
        document.put(SUBJECT_TYPE, subjectType(subjectId));
        if (occurredAt != null) {
            document.put(OCCURRED_HOUR, Date.from(occurredAt.truncatedTo(ChronoUnit.HOURS)));
        }
    }

    /**
     * Adds both fields to entries stored before they existed (found through the index on {@code occurred_hour}, so
     * a log that has them costs one index look).
     */
    public static long backfill(MongoTemplate mongo) {
        Query missing = Query.query(Criteria.where(OCCURRED_HOUR).is(null)).limit(1000);
        missing.fields().include("subject_id").include("occurred_at");
        long done = 0;
        while (true) {
            List<Document> batch = mongo.find(missing, Document.class, COLLECTION);
            if (batch.isEmpty()) {
                return done;
            }
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
            for (Document entry : batch) {
                Document set = new Document();
                Instant at = entry.get("occurred_at") instanceof Date date ? date.toInstant() : Instant.EPOCH;
                add(set, entry.getString("subject_id"), at);
                bulk.updateOne(
                        Query.query(Criteria.where("_id").is(entry.get("_id"))),
                        Update.fromDocument(new Document("$set", set)));
            }
            bulk.execute();
            done += batch.size();
        }
    }

    /** {@code mirror} for {@code mirror:42}; the whole id when it has no type prefix; null for none. */
    public static String subjectType(String subjectId) {
        if (subjectId == null) {
            return null;
        }
        int colon = subjectId.indexOf(':');
        return colon < 0 ? subjectId : subjectId.substring(0, colon);
    }
}
