package io.mirrormaestro.api.notification;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.mirror.TokenStatus;
import io.mirrormaestro.common.command.Subjects;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.GroupTokenRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * What no event reports: a token reaching a warning level (30, 7 and 1 days before its expiry as GitLab reported
 * it, then expired) and a batch that finished with failures. Looked at regularly by every api-service instance;
 * the items' ids (a token's expiry date and level, a batch id) make each reported once.
 */
@Component
class ExpiryWatch {

    private static final Duration BATCH_WINDOW = Duration.ofDays(1);

    private final MongoTemplate mongo;
    private final Rules rules;
    private final Triggers triggers;
    private final Clock clock;

    ExpiryWatch(MongoTemplate mongo, Rules rules, Triggers triggers, Clock clock) {
        this.mongo = mongo;
        this.rules = rules;
        this.triggers = triggers;
        this.clock = clock;
    }

    void check() {
        List<RuleRecord> enabled = rules.enabled();
        if (enabled.isEmpty()) {
            return;
        }
        List<Happening> found = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        for (InstanceRecord instance : mongo.findAll(InstanceRecord.class)) {
            String level = TokenStatus.warning(instance.tokenExpiresAt(), today);
            if (level != null) {
                found.add(token(
                        Subjects.instance(instance.id()),
                        "Instance token of " + instance.name(),
                        instance.tokenExpiresAt(),
                        level,
                        triggers.pairsOf(instance.id()),
                        List.of(),
                        dependents(Query.query(new org.springframework.data.mongodb.core.query.Criteria()
                                .orOperator(
                                        where("source_instance_id").is(instance.id()),
                                        where("target_instance_id").is(instance.id()))))));
            }
        }
        for (GroupTokenRecord token : mongo.findAll(GroupTokenRecord.class)) {
            String level = TokenStatus.warning(token.tokenExpiresAt(), today);
            if (level != null) {
                found.add(token(
                        "group_token:" + token.id(),
                        "Group token " + token.tokenName() + " of " + token.groupPath(),
                        token.tokenExpiresAt(),
                        level,
                        triggers.pairsOf(token.gitlabInstanceId()),
                        List.of(token.groupPath()),
                        dependents(Query.query(where("group_token_id").is(token.id())))));
            }
        }
        Instant since = clock.instant().minus(BATCH_WINDOW);
        for (BatchRecord batch : mongo.find(
                Query.query(where("status")
                        .in("completed", "cancelled")
                        .and("failed")
                        .gt(0)
                        .and("finished_at")
                        .gte(since)),
                BatchRecord.class)) {
            found.add(new Happening(
                    Trigger.BATCH_FAILED,
                    "batch:" + batch.id(),
                    "batch:" + batch.id(),
                    "Batch " + batch.id() + " (" + batch.kind() + ") finished with " + batch.failed() + " of "
                            + batch.total() + " failed",
                    batch.finishedAt(),
                    List.of(batch.instancePairId()),
                    List.of(),
                    0));
        }
        triggers.record(found, enabled);
    }

    private long dependents(Query query) {
        return mongo.count(query, MirrorRecord.class);
    }

    private Happening token(
            String subject,
            String what,
            LocalDate expiresAt,
            String level,
            List<Long> pairs,
            List<String> paths,
            long mirrors) {
        boolean expired = level.equals("expired");
        String text = what
                + (expired
                        ? " expired on " + expiresAt
                        : " expires on " + expiresAt + " (" + level.replace('_', ' ') + " or less)")
                + "; " + mirrors + (mirrors == 1 ? " mirror depends" : " mirrors depend") + " on it";
        return new Happening(
                expired ? Trigger.TOKEN_EXPIRED : Trigger.TOKEN_EXPIRING,
                "token:" + subject + ":" + expiresAt + ":" + level,
                subject,
                text,
                clock.instant(),
                pairs,
                paths,
                0);
    }
}
