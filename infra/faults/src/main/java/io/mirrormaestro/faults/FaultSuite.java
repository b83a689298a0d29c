package io.mirrormaestro.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scenarios, in an order that keeps each one's effects apart (abuse first, on a quiet system; the canary
 * last, since it leaves every logger at DEBUG), against one system started once, and prints the table. Each scenario
 * that fails is recorded and the next one still runs: the table shows everything the suite found.
 */
public final class FaultSuite {

    private static final Logger log = LoggerFactory.getLogger(FaultSuite.class);

    /** A scenario: a name for the table (if it stops early) and what it does. */
    interface Scenario {
        Outcome run(Stack stack) throws Exception;
    }

    private FaultSuite() {}

    static Map<String, Scenario> scenarios(Mode mode) {
        Map<String, Scenario> all = new LinkedHashMap<>();
        all.put("Fuzzed requests (jqwik)", AbuseScenarios::fuzz);
        all.put("Cross-site requests and WebSocket origins", AbuseScenarios::crossSite);
        if (mode.isLong()) {
            // in the build, AddressGuardTest, GitLabProbeGuardTest and ConnectionGuardTest cover it without a process
            all.put("Address guard", AbuseScenarios::addressGuard);
        }
        all.put("Duplicate deliveries", GitLabScenarios::duplicates);
        all.put("Expired lease takeover", GitLabScenarios::leaseTakeover);
        all.put(
                "kill -9 of a worker mid-import",
                s -> CrashScenarios.killMidImport(s, "kill -9 of a worker mid-import", List.of(s.workers.get(0))));
        all.put(
                "kill -9 of api-service mid-import",
                s -> CrashScenarios.killMidImport(s, "kill -9 of api-service mid-import", List.of(s.api)));
        all.put("Kafka stopped mid-import", OutageScenarios::kafkaStopped);
        all.put("MongoDB stopped mid-import", OutageScenarios::mongoStopped);
        if (mode.isLong()) {
            // a minute or more each: by hand (the in-process CrashMidImportEndToEndTest runs in the build)
            all.put(
                    "kill -9 of the whole run mid-import",
                    s -> CrashScenarios.killMidImport(
                            s,
                            "kill -9 of the whole run mid-import",
                            List.of(s.api, s.workers.get(0), s.workers.get(1), s.kafka, s.mongo)));
            all.put("kill -9 of the whole run mid-batch-sync", CrashScenarios::killAllMidSync);
            all.put("GitLab storm", GitLabScenarios::storm);
            all.put("GitLab throttles (429 Retry-After)", GitLabScenarios::retryAfter);
            all.put("Load", LoadScenario::run);
        }
        all.put("Token canary", CanaryScenario::run);
        return all;
    }

    /** Runs the scenarios ({@code only}: those whose names contain one of these, all when empty). */
    static List<Outcome> run(Stack stack, List<String> only) {
        return run(stack, only, done -> {});
    }

    /** The same, handing the outcomes so far to {@code progress} after each scenario. */
    static List<Outcome> run(Stack stack, List<String> only, java.util.function.Consumer<List<Outcome>> progress) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, Scenario> scenario : scenarios(stack.mode).entrySet()) {
            if (!only.isEmpty() && only.stream().noneMatch(scenario.getKey()::contains)) {
                continue;
            }
            log.info("scenario: {}", scenario.getKey());
            long start = System.nanoTime();
            Outcome outcome;
            try {
                outcome = scenario.getValue().run(stack);
            } catch (Throwable e) {
                log.error("scenario {} stopped", scenario.getKey(), e);
                outcome = Outcome.failed(scenario.getKey(), "", "", e);
                stack.restartAll();
            }
            log.info(
                    "scenario: {} -> {} in {}", scenario.getKey(), outcome.result(), Steps.seconds(Steps.since(start)));
            outcomes.add(outcome);
            progress.accept(List.copyOf(outcomes));
        }
        return outcomes;
    }

    /**
     * Starts the system, runs the suite and prints the table; the exit code says whether everything passed. Run from
     * the repository root after building: see docs/RELIABILITY.md.
     */
    public static void main(String[] args) throws Exception {
        Mode mode = Mode.of(System.getProperty("faults.mode", "long"));
        Path module = Path.of(System.getProperty("faults.module", "infra/faults"));
        List<Outcome> outcomes = runAll(
                mode,
                module.resolve(
                        "target/faults/" + mode.name() + "-" + Instant.now().getEpochSecond()),
                module.resolve("target/services"),
                module.resolve("target/classes"),
                List.of(args));
        System.exit(outcomes.stream().allMatch(Outcome::passed) ? 0 : 1);
    }

    static List<Outcome> runAll(Mode mode, Path dir, Path services, Path classes, List<String> only) throws Exception {
        if (Files.exists(dir)) {
            try (var old = Files.walk(dir)) {
                old.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        long start = System.nanoTime();
        List<Outcome> outcomes;
        Duration startup;
        try (Stack stack = new Stack(mode, dir, services, classes)) {
            stack.start();
            startup = Steps.since(start);
            Duration started = startup;
            // the table so far after each scenario, so that a long run stopped early still shows what it found
            outcomes = run(stack, only, done -> {
                try {
                    Files.writeString(
                            dir.resolve("table.md"),
                            Report.table(
                                    "Fault and abuse suite, " + mode.name() + " scenarios, " + done.size()
                                            + " done so far (" + Instant.now() + ", system started in "
                                            + Steps.seconds(started) + ")",
                                    done));
                } catch (java.io.IOException e) {
                    log.warn("could not write the table so far", e);
                }
            });
        }
        String table = Report.table(
                "Fault and abuse suite, " + mode.name() + " scenarios (" + Instant.now() + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores; system started in "
                        + Steps.seconds(startup) + ", whole run " + Steps.seconds(Steps.since(start)) + ")",
                outcomes);
        System.out.println(table);
        Files.writeString(dir.resolve("table.md"), table);
        return outcomes;
    }
}
