package io.mirrormaestro.api.notification;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The delivery log: every message sent or attempted, newest first. */
@Component
class Deliveries {

    /** One page of deliveries. */
    record Page(List<DeliveryRecord> deliveries, long total, int page, int pageSize, long totalPages) {}

    private final MongoTemplate mongo;
    private final Clock clock;

    Deliveries(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    DeliveryRecord record(ChannelRecord channel, RuleRecord rule, Message message, Attempt attempt, Instant started) {
        DeliveryRecord d = new DeliveryRecord(
                message.deliveryId(),
                channel.id(),
                channel.name(),
                channel.type(),
                rule == null ? null : rule.id(),
                rule == null ? null : rule.name(),
                message.test(),
                (int) message.count(),
                message.subject(),
                attempt.delivered() ? "delivered" : "failed",
                attempt.responseCode(),
                attempt.attempts(),
                attempt.error(),
                started,
                clock.instant());
        mongo.insert(d);
        return d;
    }

    Page page(Long channelId, Long ruleId, String outcome, int page, int pageSize) {
        Query filter = new Query();
        if (channelId != null) {
            filter.addCriteria(where("channel_id").is(channelId));
        }
        if (ruleId != null) {
            filter.addCriteria(where("rule_id").is(ruleId));
        }
        if (outcome != null) {
            filter.addCriteria(where("outcome").is(outcome));
        }
        long total = mongo.count(filter, DeliveryRecord.class);
        Query one = Query.of(filter)
                .with(Sort.by(Sort.Direction.DESC, "created_at", "_id"))
                .skip((long) (page - 1) * pageSize)
                .limit(pageSize);
        return new Page(
                mongo.find(one, DeliveryRecord.class), total, page, pageSize, (total + pageSize - 1) / pageSize);
    }
}
