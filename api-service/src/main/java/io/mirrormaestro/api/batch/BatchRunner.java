package io.mirrormaestro.api.batch;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.gitlab.GitLabProbe;
import io.mirrormaestro.api.mirror.Mirrors;
import io.mirrormaestro.api.web.BadRequestException;
import io.mirrormaestro.api.web.ConflictException;
import io.mirrormaestro.api.web.NotFoundException;
import io.mirrormaestro.api.web.UnprocessableException;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fans a batch out: each line's projects are looked up, mirrors we already have are skipped, the mirror is recorded
 * and its create command issued with the batch id; workers do the GitLab work. The batch is held with a lease, so
 * one api-service instance runs it at a time and another takes over if that one stops; each line records its mirror
 * id before the mirror is written, so a line interrupted half-way is resumed rather than done twice.
 */
@Component
class BatchRunner {

    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final int CHUNK = 200;

    private final MongoTemplate mongo;
    private final Batches batches;
    private final Mirrors mirrors;
    private final Clock clock;
    private final ExecutorService lines;

    BatchRunner(
            MongoTemplate mongo,
            Batches batches,
            Mirrors mirrors,
            Clock clock,
            @Value("${mm.api.batch-parallelism:8}") int parallelism) {
        this.mongo = mongo;
        this.batches = batches;
        this.mirrors = mirrors;
        this.clock = clock;
        this.lines = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "mm-batch-line");
            t.setDaemon(true);
            return t;
        });
    }

    @Scheduled(fixedDelayString = "${mm.api.batch-poll:PT0.5S}")
    void runOneRound() {
        BatchRecord batch = claim();
        if (batch == null) {
            return;
        }
        try {
            if (batch.status().equals("cancelling")) {
                cancelPending(batch);
            } else {
                fanOut(batch);
            }
        } finally {
            mongo.updateFirst(
                    Query.query(where("_id").is(batch.id())), new Update().unset("runner_until"), BatchRecord.class);
        }
    }

    private BatchRecord claim() {
        Instant now = clock.instant();
        Query claimable = Query.query(new Criteria()
                .andOperator(
                        where("status").in("running", "cancelling"),
                        // lines left 'creating' by a runner that stopped count as in progress
                        new Criteria()
                                .orOperator(
                                        where("pending").gt(0),
                                        where("in_progress").gt(0)),
                        new Criteria()
                                .orOperator(
                                        where("runner_until").is(null),
                                        where("runner_until").lt(now))));
        return mongo.findAndModify(
                claimable,
                new Update().set("runner_until", now.plus(LEASE)),
                FindAndModifyOptions.options().returnNew(true),
                BatchRecord.class);
    }

    private void fanOut(BatchRecord batch) {
        List<BatchItemRecord> chunk = mongo.find(
                Query.query(where("batch_id").is(batch.id()).and("status").in("pending", "creating"))
                        .limit(CHUNK),
                BatchItemRecord.class);
        List<Future<?>> running = chunk.stream()
                .map(item -> lines.submit(() -> handle(batch, item)))
                .<Future<?>>map(f -> f)
                .toList();
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("batch {}: a line failed unexpectedly: {}", batch.id(), e.toString());
            }
        }
    }

    private void handle(BatchRecord batch, BatchItemRecord item) {
        if (!batch.kind().equals("import")) {
            operate(batch, item);
            return;
        }
        BatchItemRecord current = item;
        if (current.status().equals("pending")) {
            long mirrorId = Mirrors.allocateId(mongo);
            if (!batches.move(current, List.of("pending"), "creating", Map.of("mirror_id", mirrorId))) {
                return; // another runner took it
            }
            batches.count(batch.id(), "pending", "creating");
            current = mongo.findById(current.id(), BatchItemRecord.class);
        } else if (mongo.exists(Query.query(where("_id").is(current.mirrorId())), MirrorRecord.class)) {
            // recorded before a crash: make sure its create command was issued (creating it twice is harmless)
            String commandId =
                    mirrors.resumeCreate(current.mirrorId(), current.id()).toString();
            batches.move(current, List.of("creating"), "in_progress", Map.of("command_id", commandId));
            return;
        }
        try {
            Mirrors.Accepted accepted = mirrors.create(
                    batch.instancePairId(),
                    new Mirrors.ProjectRef("source_project_path", null, current.sourceProjectPath()),
                    new Mirrors.ProjectRef("target_project_path", null, current.targetProjectPath()),
                    new Mirrors.Desired(current.mirrorDirection(), current.overrides(), current.enabled()),
                    current.id(),
                    current.mirrorId());
            batches.move(
                    current,
                    List.of("creating"),
                    "in_progress",
                    Map.of("command_id", accepted.commandId().toString()));
        } catch (ConflictException e) {
            end(batch, current, "skipped", e.getMessage());
        } catch (UnprocessableException | NotFoundException | BadRequestException | GitLabProbe.GitLabReadException e) {
            end(batch, current, "failed", e.getMessage());
        }
    }

    /** One line of an operation batch: issue the mirror's command with the batch id, or record why not. */
    private void operate(BatchRecord batch, BatchItemRecord item) {
        if (item.status().equals("pending")) {
            if (!batches.move(item, List.of("pending"), "creating", Map.of())) {
                return;
            }
            batches.count(batch.id(), "pending", "creating");
        } // else a line a stopped runner left half-way: issuing its command again is harmless
        long id = item.mirrorId();
        try {
            java.util.UUID commandId =
                    switch (batch.kind()) {
                        case "sync" -> mirrors.sync(id, item.id());
                        case "enable", "disable" ->
                            mirrors.update(id, Map.of("enabled", batch.kind().equals("enable")), item.id())
                                    .commandId();
                        case "delete" -> mirrors.delete(id, item.id());
                        case "verify" -> mirrors.verify(id, false, item.id());
                        case "repair" -> mirrors.verify(id, true, item.id());
                        default -> throw new IllegalStateException("unknown batch kind " + batch.kind());
                    };
            if (commandId == null) {
                end(batch, item, "succeeded", "not yet in GitLab: its pending creation applies it");
            } else {
                batches.move(item, List.of("creating"), "in_progress", Map.of("command_id", commandId.toString()));
            }
        } catch (ConflictException | NotFoundException | BadRequestException | UnprocessableException e) {
            end(batch, item, "failed", e.getMessage());
        }
    }

    private void end(BatchRecord batch, BatchItemRecord item, String status, String message) {
        if (batches.move(item, List.of("creating"), status, Map.of("message", message))) {
            batches.count(batch.id(), "creating", status);
        }
    }

    private void cancelPending(BatchRecord batch) {
        for (BatchItemRecord item : mongo.find(
                Query.query(where("batch_id").is(batch.id()).and("status").is("pending")), BatchItemRecord.class)) {
            if (batches.move(item, List.of("pending"), "cancelled", Map.of("message", "batch cancelled"))) {
                batches.count(batch.id(), "pending", "cancelled");
            }
        }
    }
}
