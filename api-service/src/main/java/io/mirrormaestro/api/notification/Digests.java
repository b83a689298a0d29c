package io.mirrormaestro.api.notification;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Sends each rule's pending items as one message: when the oldest has waited {@code MM_NOTIFY_GATHER} (so a burst is
 * one message) and no sooner than {@code MM_NOTIFY_MIN_INTERVAL} after the rule's last message. An api-service
 * instance claims the rule first (a conditional write with a lease), so two instances never send the same digest.
 * A failed delivery leaves its items pending for the next message. Runs on a thread of its own: a slow webhook and
 * its retries hold up nothing else.
 */
@Component
class Digests implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);
    private static final Duration CLAIM = Duration.ofMinutes(5);
    private static final Duration WATCH_EVERY = Duration.ofSeconds(30);
    private static final Duration KEEP_SENT = Duration.ofDays(32);

    private final MongoTemplate mongo;
    private final Delivery delivery;
    private final Deliveries log_;
    private final ExpiryWatch watch;
    private final NotifySettings settings;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mm-notify");
        t.setDaemon(true);
        return t;
    });
    private Instant lastWatch = Instant.EPOCH;

    Digests(
            MongoTemplate mongo,
            Delivery delivery,
            Deliveries deliveries,
            ExpiryWatch watch,
            NotifySettings settings,
            Clock clock) {
        this.mongo = mongo;
        this.delivery = delivery;
        this.log_ = deliveries;
        this.watch = watch;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        long every = settings.poll().toMillis();
        executor.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    private void tick() {
        try {
            if (lastWatch.plus(WATCH_EVERY).isBefore(clock.instant())) {
                lastWatch = clock.instant();
                watch.check();
                mongo.remove(Query.query(where("sent_at").lt(clock.instant().minus(KEEP_SENT))), PendingItem.class);
            }
            sendDue();
        } catch (RuntimeException e) {
            log.warn("notification digests: {}", e.toString());
        }
    }

    /** Sends every rule's digest that is due; answers how many messages went out. */
    int sendDue() {
        int sent = 0;
        List<Long> waiting =
                mongo.findDistinct(Query.query(where("sent_at").is(null)), "rule_id", PendingItem.class, Long.class);
        for (long ruleId : waiting) {
            if (sendIfDue(ruleId)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean sendIfDue(long ruleId) {
        Instant now = clock.instant();
        Query unsent = Query.query(where("rule_id").is(ruleId).and("sent_at").is(null));
        PendingItem oldest =
                mongo.findOne(Query.of(unsent).with(Sort.by("created_at")).limit(1), PendingItem.class);
        if (oldest == null || oldest.createdAt().plus(settings.gather()).isAfter(now)) {
            return false;
        }
        RuleRecord rule = mongo.findAndModify(
                Query.query(where("_id")
                        .is(ruleId)
                        .and("enabled")
                        .is(true)
                        .andOperator(
                                new Criteria()
                                        .orOperator(
                                                where("next_send_at").is(null),
                                                where("next_send_at").lte(now)),
                                new Criteria()
                                        .orOperator(
                                                where("claim_until").is(null),
                                                where("claim_until").lt(now)))),
                new Update().set("claim_until", now.plus(CLAIM)),
                FindAndModifyOptions.options().returnNew(true),
                RuleRecord.class);
        if (rule == null) {
            return false; // not due, disabled, or another instance sends it
        }
        boolean delivered = false;
        try {
            ChannelRecord channel = mongo.findById(rule.channelId(), ChannelRecord.class);
            if (channel == null || !channel.enabled()) {
                return false;
            }
            List<PendingItem> items = mongo.find(
                    Query.of(unsent).with(Sort.by("occurred_at", "_id")).limit(Message.LISTED), PendingItem.class);
            Map<String, Long> counts = new HashMap<>();
            Query kinds = Query.of(unsent);
            kinds.fields().include("kind");
            List<String> ids = new java.util.ArrayList<>();
            for (org.bson.Document d : mongo.find(kinds, org.bson.Document.class, PendingItem.COLLECTION)) {
                counts.merge(d.getString("kind"), 1L, Long::sum);
                ids.add(d.getString("_id"));
            }
            Message message = new Message(
                    UUID.randomUUID().toString(),
                    false,
                    rule.id(),
                    rule.name(),
                    channel.id(),
                    channel.name(),
                    now,
                    ids.size(),
                    counts,
                    items);
            Attempt attempt = delivery.send(channel, message);
            log_.record(channel, rule, message, attempt, now);
            delivered = attempt.delivered();
            if (delivered) {
                mongo.updateMulti(
                        Query.query(where("_id").in(ids)),
                        new Update().set("sent_at", clock.instant()).set("delivery_id", message.deliveryId()),
                        PendingItem.class);
            }
            return true;
        } finally {
            mongo.updateFirst(
                    Query.query(where("_id").is(ruleId)),
                    new Update()
                            .set("last_sent_at", now)
                            .set("next_send_at", now.plus(settings.minInterval()))
                            .unset("claim_until"),
                    RuleRecord.class);
        }
    }
}
