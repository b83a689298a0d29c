package io.mirrormaestro.api.health;

import io.mirrormaestro.api.gitlab.GitLabProbe;
import io.mirrormaestro.api.problem.BadRequestException;
import io.mirrormaestro.common.command.CommandStatus;
import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.store.CommandRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/** Each check of a component, bounded in time so that a dead dependency makes the report slow by seconds at most. */
@Component
class ComponentProbes {

    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);
    static final Duration GITLAB_TIMEOUT = Duration.ofSeconds(5);
    /** Workers record no heartbeat; one that ran a command this recently counts as seen. */
    static final Duration WORKERS_SEEN = Duration.ofMinutes(15);
    /** A command accepted this long ago and not yet claimed means no worker takes commands. */
    static final Duration UNCLAIMED = Duration.ofMinutes(2);

    private final MongoTemplate mongo;
    private final ObjectProvider<KafkaAdmin> kafkaAdmin;
    private final GitLabProbe gitlab;
    private final TokenCipher cipher;
    private final Clock clock;

    ComponentProbes(
            MongoTemplate mongo,
            ObjectProvider<KafkaAdmin> kafkaAdmin,
            GitLabProbe gitlab,
            TokenCipher cipher,
            Clock clock) {
        this.mongo = mongo;
        this.kafkaAdmin = kafkaAdmin;
        this.gitlab = gitlab;
        this.cipher = cipher;
        this.clock = clock;
    }

    record ComponentHealth(String name, String status, String message, Double latencyMs, Map<String, Object> details) {}

    record InstanceHealth(
            long id, String name, String url, String status, String version, Double latencyMs, String error) {}

    ComponentHealth mongodb() {
        long start = System.nanoTime();
        try {
            mongo.executeCommand(new Document("ping", 1));
            return new ComponentHealth("mongodb", "healthy", "Connected", millis(start), Map.of());
        } catch (RuntimeException e) {
            return new ComponentHealth("mongodb", "unhealthy", "Connection failed: " + e.getMessage(), null, Map.of());
        }
    }

    /** Commands wait in the outbox while Kafka is away, so an unreachable broker degrades the system. */
    ComponentHealth kafka() {
        KafkaAdmin admin = kafkaAdmin.getIfAvailable();
        if (admin == null) {
            return new ComponentHealth("kafka", "unknown", "no Kafka client configured", null, Map.of());
        }
        long start = System.nanoTime();
        Map<String, Object> config = new java.util.HashMap<>(admin.getConfigurationProperties());
        config.put("request.timeout.ms", (int) KAFKA_TIMEOUT.toMillis());
        config.put("default.api.timeout.ms", (int) KAFKA_TIMEOUT.toMillis());
        try (Admin client = Admin.create(config)) {
            int brokers = client.describeCluster(new DescribeClusterOptions().timeoutMs((int) KAFKA_TIMEOUT.toMillis()))
                    .nodes()
                    .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .size();
            return new ComponentHealth(
                    "kafka", "healthy", brokers + " broker(s) reachable", millis(start), Map.of("brokers", brokers));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ComponentHealth("kafka", "unhealthy", "interrupted", null, Map.of());
        } catch (Exception e) {
            return new ComponentHealth(
                    "kafka",
                    "unhealthy",
                    "not reachable within " + KAFKA_TIMEOUT.toSeconds() + " s: "
                            + e.getClass().getSimpleName(),
                    null,
                    Map.of());
        }
    }

    /**
     * Workers write no heartbeat; each command names the worker that last ran it ({@code worker}, {@code pid@host}).
     * Workers seen are those that ran a command in the last {@link #WORKERS_SEEN}; with none, commands waiting
     * unclaimed mean no worker is there, else idle workers cannot be told from none.
     */
    ComponentHealth workers() {
        Instant now = clock.instant();
        Query recent = Query.query(Criteria.where("updated_at")
                .gte(now.minus(WORKERS_SEEN))
                .and("worker")
                .ne(null));
        List<String> seen = mongo.findDistinct(recent, "worker", CommandRecord.class, String.class).stream()
                .sorted()
                .toList();
        Map<String, Object> details = Map.of("seen", seen, "window_seconds", WORKERS_SEEN.toSeconds());
        if (!seen.isEmpty()) {
            return new ComponentHealth(
                    "workers",
                    "healthy",
                    seen.size() + " worker(s) ran commands in the last " + WORKERS_SEEN.toMinutes() + " minutes",
                    null,
                    details);
        }
        long waiting = mongo.count(
                Query.query(Criteria.where("status")
                        .is(CommandStatus.ACCEPTED)
                        .and("accepted_at")
                        .lte(now.minus(UNCLAIMED))),
                CommandRecord.class);
        if (waiting > 0) {
            return new ComponentHealth(
                    "workers",
                    "degraded",
                    waiting + " command(s) accepted over " + UNCLAIMED.toMinutes()
                            + " minutes ago wait unclaimed and no worker ran a command lately",
                    null,
                    details);
        }
        return new ComponentHealth(
                "workers",
                "unknown",
                "no command ran in the last " + WORKERS_SEEN.toMinutes()
                        + " minutes; workers record no heartbeat, so idle workers cannot be told from none",
                null,
                details);
    }

    /** Reads each instance's version with its token, all at once, each within {@link #GITLAB_TIMEOUT}. */
    List<InstanceHealth> instances() {
        List<InstanceRecord> all = mongo.find(new Query().with(Sort.by("_id")), InstanceRecord.class);
        List<CompletableFuture<InstanceHealth>> probes = all.stream()
                .map(i -> CompletableFuture.supplyAsync(() -> probe(i))
                        .completeOnTimeout(
                                new InstanceHealth(
                                        i.id(),
                                        i.name(),
                                        i.url(),
                                        "unreachable",
                                        null,
                                        null,
                                        "no answer within " + GITLAB_TIMEOUT.toSeconds() + " s"),
                                GITLAB_TIMEOUT.toMillis() + 500,
                                TimeUnit.MILLISECONDS))
                .toList();
        return probes.stream().map(CompletableFuture::join).toList();
    }

    private InstanceHealth probe(InstanceRecord i) {
        if (i.encryptedToken() == null) {
            return new InstanceHealth(i.id(), i.name(), i.url(), "unknown", null, null, "no token stored");
        }
        long start = System.nanoTime();
        try {
            String version = gitlab.version(i.url(), cipher.decrypt(i.encryptedToken()), GITLAB_TIMEOUT);
            return new InstanceHealth(i.id(), i.name(), i.url(), "healthy", version, millis(start), null);
        } catch (BadRequestException e) {
            String status = "token".equals(e.field()) ? "auth_failed" : "unreachable";
            return new InstanceHealth(i.id(), i.name(), i.url(), status, null, millis(start), truncate(e.reason()));
        } catch (RuntimeException e) {
            return new InstanceHealth(
                    i.id(), i.name(), i.url(), "unknown", null, millis(start), truncate(e.toString()));
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200);
    }

    private static Double millis(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
    }
}
