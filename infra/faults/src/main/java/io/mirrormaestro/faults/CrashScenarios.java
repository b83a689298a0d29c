package io.mirrormaestro.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kill -9} mid-work: of one worker, of api-service, of everything but GitLab. The killed parts start again at
 * once with the same data; the batch must complete and every invariant hold.
 */
final class CrashScenarios {

    private static final String IMPORT_INVARIANTS =
            "batch completed; counters = lines, none negative; every command succeeded/failed with reason and in the "
                    + "activity log; all lines succeeded; GitLab: exactly 1 push mirror per line; 1 stored mirror per"
                    + " line";

    private CrashScenarios() {}

    /** Kills {@code victim} once a fifth of an import has settled, starts it again, and checks the import. */
    static Outcome killMidImport(Stack stack, String scenario, List<Proc> victims) {
        Steps steps = new Steps(stack);
        int n = stack.mode.importSize();
        String done = "import of " + n + " (GitLab 20 ms), kill -9 of "
                + String.join(" + ", victims.stream().map(Proc::name).toList())
                + " after " + n / 5 + " lines, started again at once";
        List<String> paths = steps.projects(scenario.replaceAll("\\W", "").toLowerCase(), n);
        stack.source.latency(20, 0);
        try {
            String batch = steps.startImport(paths);
            steps.awaitProgress(batch, n / 5);
            victims.forEach(Proc::kill);
            long restart = System.nanoTime();
            if (victims.contains(stack.kafka) || victims.contains(stack.mongo)) {
                stack.restartAll();
            } else {
                victims.forEach(Proc::start);
                victims.forEach(v -> v.awaitReady(Duration.ofSeconds(180)));
            }
            Duration restarted = Steps.since(restart);
            Duration ended = steps.awaitEnded(batch);
            Duration recovery = ended == null ? null : Steps.since(restart);
            List<String> violations = steps.importInvariants(batch, paths, ended);
            return new Outcome(
                    scenario,
                    done,
                    IMPORT_INVARIANTS,
                    violations,
                    recovery,
                    "restart took " + Steps.seconds(restarted));
        } finally {
            stack.source.reset();
        }
    }

    /** Kills everything but GitLab during a batch sync of every mirror of the pair, then starts it all again. */
    static Outcome killAllMidSync(Stack stack) {
        Steps steps = new Steps(stack);
        List<String> paths = steps.projects("sync", stack.mode.syncSize());
        String imported = steps.startImport(paths);
        List<String> violations = new ArrayList<>(steps.importInvariants(imported, paths, steps.awaitEnded(imported)));
        stack.source.latency(20, 0);
        try {
            String batch = steps.startSyncAll();
            int total = steps.counters(batch).path("total").asInt();
            steps.awaitProgress(batch, Math.max(1, total / 5));
            stack.killAll();
            long restart = System.nanoTime();
            stack.restartAll();
            Duration restarted = Steps.since(restart);
            Duration ended = steps.awaitEnded(batch);
            Duration recovery = ended == null ? null : Steps.since(restart);
            if (ended == null) {
                violations.add("batch sync did not end: " + steps.counters(batch));
            }
            violations.addAll(io.mirrormaestro.testing.BatchInvariants.check(stack.api(), batch));
            int succeeded = steps.counters(batch).path("succeeded").asInt();
            if (succeeded != total) {
                violations.add("batch sync: " + succeeded + " of " + total + " lines succeeded");
            }
            violations.addAll(steps.oneMirrorEach(paths));
            return new Outcome(
                    "kill -9 of the whole run mid-batch-sync",
                    "batch sync of all " + total + " mirrors of the pair (GitLab 20 ms), kill -9 of api-service, "
                            + "both workers, Kafka and MongoDB after a fifth, all started again from their files",
                    "batch completed, counters = lines, every command ended and logged, all lines succeeded, GitLab "
                            + "still holds exactly 1 push mirror per mirror",
                    violations,
                    recovery,
                    "restart took " + Steps.seconds(restarted));
        } finally {
            stack.source.reset();
        }
    }
}
