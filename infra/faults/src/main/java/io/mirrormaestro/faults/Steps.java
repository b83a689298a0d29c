package io.mirrormaestro.faults;

import com.mongodb.client.model.Filters;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.testing.ApiClient;
import io.mirrormaestro.testing.BatchInvariants;
import io.mirrormaestro.testing.ImportFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/** What the scenarios do over and over: make projects, import them, wait for a batch, check what must hold. */
final class Steps {

    private static final AtomicInteger RUN = new AtomicInteger();

    private final Stack stack;

    Steps(Stack stack) {
        this.stack = stack;
    }

    /** {@code n} new projects on both GitLab instances (a push mirror goes from each to its twin). */
    List<String> projects(String prefix, int n) {
        String unique = prefix + RUN.incrementAndGet();
        List<String> paths = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            paths.add(Stack.GROUP + "/" + unique + "-" + i);
        }
        stack.source.projects(paths);
        stack.target.projects(paths);
        return paths;
    }

    static String importFile(List<String> paths) {
        return ImportFiles.betweenEqualPaths(paths);
    }

    String startImport(List<String> paths) {
        Http.Answer accepted = stack.http().post("/api/export/pair/" + stack.pairId, importFile(paths));
        if (accepted.status() != 202) {
            throw new IllegalStateException("import refused: " + accepted.status() + " " + accepted.body());
        }
        return accepted.json().path("batch_id").asString();
    }

    /** A batch sync of every mirror of the pair. */
    String startSyncAll() {
        Http.Answer accepted = stack.http()
                .post("/api/mirrors/batch", "{\"action\":\"sync\",\"instance_pair_id\":" + stack.pairId + "}");
        if (accepted.status() != 202) {
            throw new IllegalStateException("batch sync refused: " + accepted.status() + " " + accepted.body());
        }
        return accepted.json().path("batch_id").asString();
    }

    /** The batch's counters, or a missing node while api-service does not answer. */
    JsonNode counters(String batchId) {
        Http.Answer answer = stack.http().get("/api/batches/" + batchId + "?lines_page_size=0");
        return answer.status() == 200 ? answer.json().path("batch") : ApiClient.JSON.missingNode();
    }

    void awaitProgress(String batchId, int settledAtLeast) {
        Awaitility.await("batch " + batchId + " under way")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode b = counters(batchId);
                    return b.path("succeeded").asInt()
                                    + b.path("failed").asInt()
                                    + b.path("skipped").asInt()
                            >= settledAtLeast;
                });
    }

    /**
     * Waits until the batch has ended and every command it issued has ended too (a line can end from its command's
     * outcome event while the command itself is still to be taken over after an outage), at most
     * {@link Mode#settle()}.
     *
     * @return how long it took, or null when it did not end in time
     */
    Duration awaitEnded(String batchId) {
        long start = System.nanoTime();
        try {
            Awaitility.await("batch " + batchId + " ended")
                    .atMost(stack.mode.settle())
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        String status = counters(batchId).path("status").asString("");
                        return (status.equals("completed") || status.equals("cancelled"))
                                && commandsInFlight(batchId) == 0;
                    });
        } catch (ConditionTimeoutException e) {
            return null;
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Commands issued for the batch's lines that have not ended yet, read from the store. */
    long commandsInFlight(String batchId) {
        List<java.util.UUID> ids = new ArrayList<>();
        for (org.bson.Document line : stack.store()
                .getCollection("batch_items")
                .find(Filters.and(Filters.eq("batch_id", batchId), Filters.ne("command_id", null)))
                .projection(com.mongodb.client.model.Projections.include("command_id"))) {
            ids.add(java.util.UUID.fromString(line.getString("command_id")));
        }
        return ids.isEmpty()
                ? 0
                : stack.store()
                        .getCollection("commands")
                        .countDocuments(Filters.and(
                                Filters.in("_id", ids),
                                Filters.in("status", "ACCEPTED", "RUNNING", "RETRY_SCHEDULED")));
    }

    /**
     * An import's invariants: the batch's own ({@link BatchInvariants}: ended, counters equal to the lines and never
     * negative, every issued command ended with a reason and is in the activity log), every line succeeded, GitLab
     * holds exactly one push mirror per line, and exactly one mirror per line is stored.
     */
    List<String> importInvariants(String batchId, List<String> paths, Duration took) {
        List<String> violations = new ArrayList<>();
        if (took == null) {
            violations.add("batch did not end within " + stack.mode.settle().toSeconds() + " s: " + counters(batchId));
        }
        violations.addAll(BatchInvariants.check(stack.api(), batchId));
        JsonNode batch = counters(batchId);
        if (batch.path("succeeded").asInt() != paths.size()) {
            violations.add("succeeded " + batch.path("succeeded").asInt() + " of " + paths.size());
        }
        violations.addAll(oneMirrorEach(paths));
        long stored = stack.store()
                .getCollection(MirrorCollection.NAME)
                .countDocuments(Filters.in("source_project_path", paths));
        if (stored != paths.size()) {
            violations.add(stored + " mirrors stored for " + paths.size() + " lines");
        }
        return violations;
    }

    /** GitLab holds exactly one push mirror on each of these projects. */
    List<String> oneMirrorEach(List<String> paths) {
        Map<String, Integer> mirrors = stack.source.pushMirrors();
        List<String> violations = new ArrayList<>();
        int wrong = 0;
        for (String path : paths) {
            int n = mirrors.getOrDefault(path, 0);
            if (n != 1 && wrong++ < 3) {
                violations.add("GitLab holds " + n + " push mirrors on " + path);
            }
        }
        if (wrong > 3) {
            violations.add("... " + (wrong - 3) + " more projects without exactly one push mirror");
        }
        return violations;
    }

    /** Waits for a condition that ends a fault's effects, at most the settle time; false when it never held. */
    boolean eventually(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            Awaitility.await(what)
                    .atMost(stack.mode.settle())
                    .pollInterval(Duration.ofMillis(250))
                    .until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    static String seconds(Duration d) {
        return d == null ? "-" : String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
