package io.mirrormaestro.api.notification;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.problem.ConflictException;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.api.store.Uniqueness;
import io.mirrormaestro.api.web.Lookups;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.common.store.Sequences;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Notification rules: which happenings go to which channel, for which pairs or groups. */
@Component
class Rules {

    private final MongoTemplate mongo;
    private final Clock clock;

    Rules(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    List<RuleRecord> list(Long channelId) {
        Query query = new Query().with(Sort.by("_id"));
        if (channelId != null) {
            query.addCriteria(where("channel_id").is(channelId));
        }
        return mongo.find(query, RuleRecord.class);
    }

    /** The rules that may be told something now (enabled); few, so read whole. */
    List<RuleRecord> enabled() {
        return mongo.find(Query.query(where("enabled").is(true)), RuleRecord.class);
    }

    RuleRecord get(long id) {
        return Lookups.require(mongo, RuleRecord.class, id, "rule");
    }

    RuleRecord create(RuleBody body) {
        check(body, null);
        Instant now = clock.instant();
        RuleRecord rule = build(Sequences.next(mongo, "notification_rules"), body, null, now);
        mongo.insert(rule);
        return rule;
    }

    RuleRecord replace(long id, RuleBody body) {
        RuleRecord old = get(id);
        check(body, id);
        RuleRecord rule = build(id, body, old, old.createdAt());
        mongo.save(rule);
        return rule;
    }

    Map<String, Long> delete(long id) {
        get(id);
        mongo.remove(Query.query(where("_id").is(id)), RuleRecord.class);
        long pending = mongo.remove(Query.query(where("rule_id").is(id)), PendingItem.class)
                .getDeletedCount();
        return Map.of("rules", 1L, "pending", pending);
    }

    private void check(RuleBody body, Long except) {
        if (!mongo.exists(Query.query(where("_id").is(body.channelId())), ChannelRecord.class)) {
            throw new UnprocessableException("channel_id", "no channel with id " + body.channelId());
        }
        for (Long pair : body.pairIds() == null ? List.<Long>of() : body.pairIds()) {
            if (!mongo.exists(Query.query(where("_id").is(pair)), PairRecord.class)) {
                throw new UnprocessableException("pair_ids", "no pair with id " + pair);
            }
        }
        String name = body.name().trim();
        Uniqueness.require(
                mongo,
                RuleRecord.class,
                where("name").is(name),
                except,
                new ConflictException("name", "a rule named '" + name + "' already exists"));
    }

    private RuleRecord build(long id, RuleBody body, RuleRecord old, Instant created) {
        return new RuleRecord(
                id,
                body.name().trim(),
                body.channelId(),
                body.enabled() == null || body.enabled(),
                body.events().stream().distinct().toList(),
                body.failureThreshold() == null ? 1 : body.failureThreshold(),
                body.pairIds() == null ? List.of() : List.copyOf(body.pairIds()),
                body.groupPaths() == null
                        ? List.of()
                        : body.groupPaths().stream()
                                .map(p -> p.trim().replaceAll("^/+|/+$", ""))
                                .toList(),
                old == null ? null : old.lastSentAt(),
                old == null ? null : old.nextSendAt(),
                old == null ? null : old.claimUntil(),
                created,
                clock.instant());
    }
}
