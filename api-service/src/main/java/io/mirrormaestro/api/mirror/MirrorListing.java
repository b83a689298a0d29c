package io.mirrormaestro.api.mirror;

import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** One page of mirrors as {@link MirrorQuery} selects and orders them, each with its effective settings. */
@Component
class MirrorListing {

    private final Mirrors mirrors;
    private final MongoTemplate mongo;
    private final Clock clock;

    MirrorListing(Mirrors mirrors, MongoTemplate mongo, Clock clock) {
        this.mirrors = mirrors;
        this.mongo = mongo;
        this.clock = clock;
    }

    record Page(List<MirrorView> mirrors, long total, int page, int pageSize, long totalPages) {}

    Page page(MirrorQuery query) {
        LocalDate today = LocalDate.now(clock);
        long total = mongo.count(query.filter(today), MirrorRecord.class);
        // the pairs and group defaults of a page's mirrors are read once each, not once per mirror
        Map<Long, PairRecord> pairs = new HashMap<>();
        Map<Long, List<GroupDefaultsRecord>> defaults = new HashMap<>();
        List<MirrorView> views = mongo.find(query.page(today), MirrorRecord.class).stream()
                .map(m -> MirrorView.of(m, mirrors.effective(m, pairs, defaults), today))
                .toList();
        return new Page(
                views, total, query.page(), query.pageSize(), (total + query.pageSize() - 1) / query.pageSize());
    }
}
