package io.mirrormaestro.api.estate;

import static io.mirrormaestro.api.estate.MirrorHealth.oneIf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs aggregation pipelines written as plain BSON stages (so they read like the MongoDB manual) and reads their
 * answers. The stages used are those both MongoDB and the embedded wire server understand.
 */
@Component
public class EstateReads {

    private final MongoTemplate mongo;

    EstateReads(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public List<Document> aggregate(String collection, List<Document> pipeline) {
        return mongo.getCollection(collection).aggregate(pipeline).into(new ArrayList<>());
    }

    /** The single answer of a pipeline that groups everything into one document; empty when nothing matched. */
    public Document aggregateOne(String collection, List<Document> pipeline) {
        List<Document> rows = aggregate(collection, pipeline);
        return rows.isEmpty() ? new Document() : rows.get(0);
    }

    /** How many documents have each value of a numeric field. */
    public Map<Long, Long> countBy(String collection, String field) {
        Map<Long, Long> counts = new HashMap<>();
        aggregate(
                        collection,
                        List.of(new Document(
                                "$group", new Document("_id", "$" + field).append("n", new Document("$sum", 1)))))
                .forEach(d -> {
                    if (d.get("_id") instanceof Number id) {
                        counts.put(id.longValue(), number(d, "n"));
                    }
                });
        return counts;
    }

    /** A $group body counting mirrors: {@code total}, {@code enabled} and the status buckets. */
    public static Document countsBy(Object id) {
        return new Document("_id", id)
                .append("total", new Document("$sum", 1))
                .append("enabled", new Document("$sum", oneIf(new Document("$eq", List.of("$enabled", true)))))
                .append("success", new Document("$sum", oneIf(MirrorHealth.SUCCESS)))
                .append("failed", new Document("$sum", oneIf(MirrorHealth.FAILED)))
                .append("pending", new Document("$sum", oneIf(MirrorHealth.PENDING)));
    }

    /** The four status buckets of the original tool. */
    public record Buckets(long success, long failed, long pending, long unknown) {

        /** From a group made with {@link #countsBy}. */
        public static Buckets of(Document group) {
            long success = number(group, "success");
            long failed = number(group, "failed");
            long pending = number(group, "pending");
            return new Buckets(success, failed, pending, number(group, "total") - success - failed - pending);
        }
    }

    public static long number(Document d, String field) {
        return d.get(field) instanceof Number n ? n.longValue() : 0;
    }

    public static Instant instant(Document d, String field) {
        return d.get(field) instanceof Date date ? date.toInstant() : null;
    }
}
