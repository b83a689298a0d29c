package io.mirrormaestro.api.batch;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.problem.BadRequestException;
import io.mirrormaestro.common.store.BatchRecord;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Past and running batches, newest first, filtered and paged by MongoDB so totals are exact. */
@Component
class BatchListing {

    static final Set<String> KINDS = kinds();
    static final Set<String> STATUSES = Set.of("running", "cancelling", "completed", "cancelled");

    /** One page of batch summaries (without their lines). */
    record Page(List<BatchView> batches, long total, int page, int pageSize, long totalPages) {}

    private final MongoTemplate mongo;

    BatchListing(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Page page(String kind, String status, Long pairId, int page, int pageSize) {
        if (kind != null && !KINDS.contains(kind)) {
            throw new BadRequestException("kind", "must be one of " + new TreeSet<>(KINDS));
        }
        if (status != null && !STATUSES.contains(status)) {
            throw new BadRequestException("status", "must be one of " + new TreeSet<>(STATUSES));
        }
        Query filter = new Query();
        if (kind != null) {
            filter.addCriteria(where("kind").is(kind));
        }
        if (status != null) {
            filter.addCriteria(where("status").is(status));
        }
        if (pairId != null) {
            filter.addCriteria(where("instance_pair_id").is(pairId));
        }
        long total = mongo.count(filter, BatchRecord.class);
        Query one = Query.of(filter)
                .with(Sort.by(Sort.Direction.DESC, "created_at", "_id"))
                .skip((long) (page - 1) * pageSize)
                .limit(pageSize);
        List<BatchView> views =
                mongo.find(one, BatchRecord.class).stream().map(BatchView::of).toList();
        return new Page(views, total, page, pageSize, (total + pageSize - 1) / pageSize);
    }

    private static Set<String> kinds() {
        Set<String> kinds = new java.util.HashSet<>(BatchOperations.ACTIONS);
        kinds.add("import");
        return Set.copyOf(kinds);
    }
}
