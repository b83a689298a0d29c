package io.mirrormaestro.api.batch;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.command.CommandGateway;
import io.mirrormaestro.api.mirror.Mirrors;
import io.mirrormaestro.api.problem.BadRequestException;
import io.mirrormaestro.api.problem.ConflictException;
import io.mirrormaestro.api.problem.NotFoundException;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.common.command.BatchLineRef;
import io.mirrormaestro.common.command.ImportMirrorLine;
import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.command.MirrorDirection;
import io.mirrormaestro.common.settings.MirrorSettings;
import io.mirrormaestro.common.settings.PullMirroring;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.common.store.Sequences;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fans a batch out to the workers, a chunk of lines at a time: an import line becomes a create command for a new
 * mirror id (the worker looks the projects up in GitLab, under the instance's limits, and records the mirror), a line
 * of an operation batch becomes its mirror's command; lines that cannot start end at once with the reason. The
 * batch is held with a lease, so one api-service instance runs it at a time and another takes over if that one
 * stops; each line records its mirror id and command id before anything is issued, so a line interrupted half-way
 * is issued again with the same ids rather than done twice.
 */
@Component
class BatchRunner {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration WINDOW_WAIT = Duration.ofMillis(200);
    private static final Duration RECOUNT_AT_CLAIM = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

    private final MongoTemplate mongo;
    private final Batches batches;
    private final Mirrors mirrors;
    private final CommandGateway commands;
    private final Clock clock;
    private final int chunkSize;
    private final int window;
    private final BatchProgress progress;
    private final Duration settleEvery;
    /** When lines in flight of a batch this instance runs were last compared with their commands. */
    private final Map<String, Instant> lastSettled = new ConcurrentHashMap<>();
    /** When this instance last counted a batch's lines as it claimed it. */
    private final Map<String, Instant> lastRecounted = new ConcurrentHashMap<>();

    BatchRunner(
            MongoTemplate mongo,
            Batches batches,
            Mirrors mirrors,
            CommandGateway commands,
            BatchProgress progress,
            Clock clock,
            ApiSettings settings) {
        this.mongo = mongo;
        this.batches = batches;
        this.mirrors = mirrors;
        this.commands = commands;
        this.progress = progress;
        this.clock = clock;
        this.chunkSize = settings.batchChunk();
        this.window = settings.batchWindow();
        this.settleEvery = settings.batchSettleEvery();
    }

    @Scheduled(fixedDelayString = "${mm.api.batch-poll}")
    void runOneRound() {
        BatchRecord batch = claim();
        if (batch == null) {
            return;
        }
        String id = batch.id();
        try {
            // counted from the lines (at most every few seconds: a batch's tail is claimed every round): whatever a
            // runner that stopped half-way left behind is then right
            if (due(lastRecounted, id, RECOUNT_AT_CLAIM)) {
                batch = batches.recount(id);
            }
            // chunk after chunk while the lease is ours, never more than the window in flight; a cancel is seen
            // between chunks, and whatever is still pending then is not started
            Instant until = clock.instant().plus(LEASE.dividedBy(2));
            while (batch != null
                    && batch.finishedAt() == null
                    && clock.instant().isBefore(until)) {
                settleMissedOutcomesIfDue(batch);
                if (batch.status().equals("cancelling")) {
                    cancelPending(batch);
                    return;
                }
                if (batch.pending() == 0) {
                    fanOut(batch, chunkSize); // lines a stopped runner left creating are issued again
                    return;
                }
                int room = window - batch.inProgress();
                if (batch.spreadUntil() != null) {
                    // a scheduled sync: its lines go out evenly over its spread, a few at a time
                    int due = pacedAllowance(
                            batch.total(), batch.pending(), batch.createdAt(), batch.spreadUntil(), clock.instant());
                    if (due <= 0 || room <= 0) {
                        return;
                    }
                    if (!fanOut(batch, Math.min(Math.min(room, due), chunkSize))) {
                        return;
                    }
                } else if (!worthHandingOut(room, chunkSize, window, batch.pending())) {
                    Thread.sleep(WINDOW_WAIT.toMillis());
                } else if (!fanOut(batch, Math.min(room, chunkSize))) {
                    return;
                }
                batch = mongo.findAndModify(
                        Query.query(where("_id").is(id)),
                        new Update().set("runner_until", clock.instant().plus(LEASE)),
                        FindAndModifyOptions.options().returnNew(true),
                        BatchRecord.class);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            mongo.updateFirst(Query.query(where("_id").is(id)), new Update().unset("runner_until"), BatchRecord.class);
            if (batch == null || batch.finishedAt() != null) {
                lastSettled.remove(id);
                lastRecounted.remove(id);
            }
        }
    }

    /**
     * Lines in flight whose commands ended but whose outcome events this service never saw (it was down, or the
     * events were lost) would hold the batch open forever: every {@code mm.api.batch-settle-every} (30 s), the lines
     * in flight are compared with their commands' records and settled from them.
     */
    private void settleMissedOutcomesIfDue(BatchRecord batch) {
        if (batch.inProgress() == 0) {
            return;
        }
        Instant now = clock.instant();
        Instant last = lastSettled.putIfAbsent(batch.id(), now);
        if (last == null) {
            return; // the first look waits a full interval: the events are normally on their way
        }
        if (Duration.between(last, now).compareTo(settleEvery) >= 0) {
            lastSettled.put(batch.id(), now);
            int settled = progress.settleFromCommands(batch.id(), Math.max(window, chunkSize));
            if (settled > 0) {
                log.info("batch {}: {} lines settled from their commands' records", batch.id(), settled);
            }
        }
    }

    /** Whether {@code every} has passed since the batch's last entry in {@code last} (noting now when it has). */
    private boolean due(Map<String, Instant> last, String batchId, Duration every) {
        Instant now = clock.instant();
        Instant before = last.get(batchId);
        if (before != null && Duration.between(before, now).compareTo(every) < 0) {
            return false;
        }
        last.put(batchId, now);
        return true;
    }

    /**
     * Whether to hand out lines now: when the window has room for half of what the next chunk could be at least
     * (many tiny chunks would cost a query each), however small the window or the rest of the batch.
     */
    static boolean worthHandingOut(int room, int chunkSize, int window, int pending) {
        int nextChunk = Math.min(Math.min(chunkSize, window), pending);
        return room > 0 && room >= Math.max(1, nextChunk / 2);
    }

    /**
     * How many more lines of a paced batch may be handed out now: of its {@code total}, the share of its spread that
     * has passed (the first line at once, all of them once the spread is over), less those already handed out.
     */
    static int pacedAllowance(int total, int pending, Instant createdAt, Instant spreadUntil, Instant now) {
        long span = Math.max(1, Duration.between(createdAt, spreadUntil).toMillis());
        long elapsed = Math.max(0, Duration.between(createdAt, now).toMillis());
        long due = elapsed >= span ? total : Math.max(1, (long) Math.ceil((double) total * elapsed / span));
        return (int) Math.max(0, Math.min(total, due) - (total - pending));
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
        // the batch claimed longest ago first: batches take turns (a paced scheduled sync, or one whose lines wait on
        // workers, would otherwise be claimed round after round while others wait)
        claimable.with(Sort.by(Sort.Order.asc("claimed_at")));
        return mongo.findAndModify(
                claimable,
                new Update().set("runner_until", now.plus(LEASE)).set("claimed_at", now),
                FindAndModifyOptions.options().returnNew(true),
                BatchRecord.class);
    }

    /**
     * One chunk of lines, in bulk: every line is given its mirror id and command id and moved to {@code creating}
     * (so a runner that stops here is resumed with the same ids), then decided (a command, or an end with the
     * reason), then the commands go to the outbox and Kafka together, and the lines and counters are updated once.
     * Command ids derive from the line, so a chunk issued again after a crash issues the same commands.
     *
     * @return false when no line was left to hand out
     */
    private boolean fanOut(BatchRecord batch, int limit) {
        List<BatchItemRecord> chunk = mongo.find(
                Query.query(where("batch_id").is(batch.id()).and("status").in("pending", "creating"))
                        .limit(limit),
                BatchItemRecord.class);
        if (chunk.isEmpty()) {
            return false;
        }
        boolean importing = batch.kind().equals("import");
        List<BatchItemRecord> lines = claim(chunk, importing);
        List<Decision> decisions = importing ? importLines(batch, lines) : operationLines(batch, lines);
        commands.acceptAll(decisions.stream()
                .map(Decision::command)
                .filter(Objects::nonNull)
                .toList());
        settle(batch, decisions);
        return true;
    }

    /**
     * A line's fate in this round: a command to issue, or an end status with its reason (and, for an import line
     * skipped because a mirror already covers it, that mirror).
     */
    private record Decision(
            BatchItemRecord line, MirrorCommand command, String status, String message, Long existingMirrorId) {

        static Decision issue(BatchItemRecord line, MirrorCommand command) {
            return new Decision(line, command, null, null, null);
        }

        static Decision end(BatchItemRecord line, String status, String message) {
            return new Decision(line, null, status, message, null);
        }

        static Decision skip(BatchItemRecord line, MirrorRecord existing) {
            return new Decision(line, null, "skipped", existing.alreadyMirrored(), existing.id());
        }
    }

    static UUID commandIdOf(BatchItemRecord line) {
        return UUID.nameUUIDFromBytes(("batch line " + line.id()).getBytes(StandardCharsets.UTF_8));
    }

    /** Pending lines get their ids and move to creating; lines already creating (a stopped runner's) keep theirs. */
    private List<BatchItemRecord> claim(List<BatchItemRecord> chunk, boolean importing) {
        List<BatchItemRecord> pending =
                chunk.stream().filter(l -> l.status().equals("pending")).toList();
        if (pending.isEmpty()) {
            return chunk;
        }
        long firstId = importing ? Sequences.reserve(mongo, "mirrors", pending.size()) : 0;
        BulkOperations claims = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, BatchItemRecord.class);
        List<BatchItemRecord> claimed = new ArrayList<>(chunk.size());
        int next = 0;
        for (BatchItemRecord line : chunk) {
            if (!line.status().equals("pending")) {
                claimed.add(line);
                continue;
            }
            long mirrorId = importing ? firstId + next++ : line.mirrorId();
            String commandId = commandIdOf(line).toString();
            claims.updateOne(
                    Query.query(where("_id").is(line.id()).and("status").is("pending")),
                    new Update()
                            .set("status", "creating")
                            .set("mirror_id", mirrorId)
                            .set("command_id", commandId));
            claimed.add(new BatchItemRecord(
                    line.id(),
                    line.batchId(),
                    line.line(),
                    line.sourceProjectPath(),
                    line.targetProjectPath(),
                    line.overrides(),
                    line.mirrorDirection(),
                    line.enabled(),
                    "creating",
                    mirrorId,
                    commandId,
                    null,
                    null));
        }
        claims.execute();
        return claimed;
    }

    /**
     * Import lines: a line whose mirror we already have is skipped here, in one query for the chunk; the worker
     * resolves the projects in GitLab (under the instance's limits), records the mirror and creates it.
     */
    private List<Decision> importLines(BatchRecord batch, List<BatchItemRecord> lines) {
        PairRecord pair = mongo.findById(batch.instancePairId(), PairRecord.class);
        if (pair == null) {
            return lines.stream()
                    .map(l -> Decision.end(l, "failed", "instance pair " + batch.instancePairId() + " was deleted"))
                    .toList();
        }
        List<GroupDefaultsRecord> defaults =
                mongo.find(Query.query(where("instance_pair_id").is(pair.id())), GroupDefaultsRecord.class);
        Optional<String> noPull = PullMirroring.refusal(mongo.findById(pair.targetInstanceId(), InstanceRecord.class));
        Map<String, MirrorRecord> existing = new HashMap<>();
        mongo.find(
                        Query.query(where("instance_pair_id")
                                .is(pair.id())
                                .and("source_project_path")
                                .in(lines.stream()
                                        .map(BatchItemRecord::sourceProjectPath)
                                        .toList())),
                        MirrorRecord.class)
                .forEach(m -> existing.put(key(m.sourceProjectPath(), m.targetProjectPath(), m.mirrorDirection()), m));
        List<Decision> decisions = new ArrayList<>(lines.size());
        for (BatchItemRecord line : lines) {
            String direction;
            try {
                direction = MirrorSettings.directionOf(
                        pair, defaults, line.mirrorDirection(), line.sourceProjectPath(), line.targetProjectPath());
            } catch (RuntimeException unresolvable) {
                decisions.add(Decision.end(line, "failed", unresolvable.getMessage()));
                continue;
            }
            MirrorRecord same = existing.get(key(line.sourceProjectPath(), line.targetProjectPath(), direction));
            if (direction.equals("pull") && noPull.isPresent()) {
                decisions.add(Decision.end(line, "failed", noPull.get()));
            } else if (same != null && same.id() != line.mirrorId()) {
                decisions.add(Decision.skip(line, same));
            } else {
                UUID commandId = UUID.fromString(line.commandId());
                decisions.add(Decision.issue(
                        line,
                        new ImportMirrorLine(
                                commandId,
                                commandId,
                                clock.instant(),
                                line.mirrorId(),
                                new BatchLineRef(line.batchId(), line.line()),
                                new ImportMirrorLine.Line(
                                        pair.id(),
                                        line.sourceProjectPath(),
                                        line.targetProjectPath(),
                                        MirrorDirection.of(line.mirrorDirection())
                                                .orElse(null),
                                        line.overrides(),
                                        line.enabled()))));
            }
        }
        return decisions;
    }

    private static String key(String source, String target, String direction) {
        return source + "\n" + target + "\n" + direction;
    }

    /** Operation lines: the chunk's mirrors read at once, each line checked and changed as a single request would. */
    private List<Decision> operationLines(BatchRecord batch, List<BatchItemRecord> lines) {
        Map<Long, MirrorRecord> found = new HashMap<>();
        mongo.find(
                        Query.query(where("_id")
                                .in(lines.stream()
                                        .map(BatchItemRecord::mirrorId)
                                        .toList())),
                        MirrorRecord.class)
                .forEach(m -> found.put(m.id(), m));
        List<Decision> decisions = new ArrayList<>(lines.size());
        for (BatchItemRecord line : lines) {
            MirrorRecord mirror = found.get(line.mirrorId());
            if (mirror == null) {
                decisions.add(Decision.end(line, "failed", "mirror " + line.mirrorId() + " no longer exists"));
                continue;
            }
            try {
                decisions.add(mirrors.operation(
                                batch.kind(),
                                mirror,
                                UUID.fromString(line.commandId()),
                                new BatchLineRef(line.batchId(), line.line()))
                        .map(command -> Decision.issue(line, command))
                        .orElseGet(() ->
                                Decision.end(line, "succeeded", "not yet in GitLab: its pending creation applies it")));
            } catch (ConflictException | NotFoundException | BadRequestException | UnprocessableException e) {
                decisions.add(Decision.end(line, "failed", e.getMessage()));
            }
        }
        return decisions;
    }

    /** Lines with a command go in progress, the others end; then the counters are counted once for the chunk. */
    private void settle(BatchRecord batch, List<Decision> decisions) {
        BulkOperations moves = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, BatchItemRecord.class);
        List<String> issued = new ArrayList<>();
        for (Decision d : decisions) {
            if (d.command() != null) {
                issued.add(d.line().id());
            } else {
                Update end = new Update().set("status", d.status()).set("message", d.message());
                if (d.existingMirrorId() != null) {
                    end.set("existing_mirror_id", d.existingMirrorId());
                }
                moves.updateOne(
                        Query.query(where("_id").is(d.line().id()).and("status").is("creating")), end);
            }
        }
        if (!issued.isEmpty()) {
            // a line whose command already finished has moved on: only lines still creating go in progress
            moves.updateMulti(
                    Query.query(where("_id").in(issued).and("status").is("creating")),
                    new Update().set("status", "in_progress"));
        }
        if (!decisions.isEmpty()) {
            moves.execute();
        }
        batches.recount(batch.id());
    }

    /** Cancels every pending line in one write (one progress frame; the batch ends there when nothing is in flight). */
    private void cancelPending(BatchRecord batch) {
        mongo.updateMulti(
                Query.query(where("batch_id").is(batch.id()).and("status").is("pending")),
                new Update().set("status", "cancelled").set("message", "batch cancelled"),
                BatchItemRecord.class);
        batches.recount(batch.id());
    }
}
