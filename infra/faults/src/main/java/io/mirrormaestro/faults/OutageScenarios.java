package io.mirrormaestro.faults;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;

/**
 * The broker or the database away for a while mid-import. While it is away, requests must answer quickly: accepted
 * into the outbox (202) or refused with a clear 503 problem, never left hanging. Afterwards everything must finish.
 */
final class OutageScenarios {

    /** What a request may take at most while Kafka is away: the publish timeout (5 s) and some slack. */
    private static final long KAFKA_AWAY_LIMIT_MS = 6500;

    /** What a request may take at most while MongoDB is away: the store timeout (5 s) and some slack. */
    private static final long MONGO_AWAY_LIMIT_MS = 6500;

    private OutageScenarios() {}

    static Outcome kafkaStopped(Stack stack) {
        Steps steps = new Steps(stack);
        int n = stack.mode.importSize();
        List<String> paths = steps.projects("kafka", n);
        List<Long> mirrors = someMirrors(stack, 5);
        stack.source.latency(20, 0);
        List<String> violations = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        long slowest = 0;
        try {
            String batch = steps.startImport(paths);
            steps.awaitProgress(batch, n / 5);
            stack.kafka.stop();
            long outage = System.nanoTime();
            Http http = stack.http();
            for (long mirror : mirrors) {
                Http.Answer answer = http.post("/api/mirrors/" + mirror + "/update", "");
                slowest = Math.max(slowest, answer.millis());
                if (answer.status() == 202) {
                    accepted.add(answer.json().path("command_id").asString());
                } else if (!(answer.status() == 503 && answer.problem())) {
                    violations.add("sync during the outage answered " + answer.status() + " " + answer.body());
                }
                if (answer.millis() > KAFKA_AWAY_LIMIT_MS) {
                    violations.add("a sync request took " + answer.millis() + " ms while Kafka was away");
                }
            }
            Http.Answer read = http.get("/api/batches/" + batch + "?lines_page_size=0");
            if (read.status() != 200) {
                violations.add("reading the batch while Kafka was away answered " + read.status());
            }
            sleepOut(outage, stack.mode.outage());
            stack.kafka.start().awaitReady(Duration.ofSeconds(90));
            long restart = System.nanoTime();
            Duration ended = steps.awaitEnded(batch);
            for (String command : accepted) {
                if (!steps.eventually("sync " + command + " ended", () -> commandEnded(stack, command))) {
                    violations.add("sync accepted during the outage never ended: " + command);
                }
            }
            Duration recovery = ended == null ? null : Steps.since(restart);
            violations.addAll(steps.importInvariants(batch, paths, ended));
            return new Outcome(
                    "Kafka stopped mid-import",
                    "import of " + n + ", the broker stopped for "
                            + stack.mode.outage().toSeconds() + " s after a fifth, " + mirrors.size()
                            + " syncs requested meanwhile, broker started again",
                    "requests answer within the publish timeout (202 into the outbox, or 503 problem); syncs accepted"
                            + " meanwhile end; import invariants as above",
                    violations,
                    recovery,
                    accepted.size() + " of " + mirrors.size() + " syncs accepted meanwhile, slowest answer " + slowest
                            + " ms");
        } finally {
            stack.source.reset();
            if (!stack.kafka.alive()) {
                stack.kafka.start().awaitReady(Duration.ofSeconds(90));
            }
        }
    }

    static Outcome mongoStopped(Stack stack) {
        Steps steps = new Steps(stack);
        int n = stack.mode.importSize();
        List<String> paths = steps.projects("mongo", n);
        List<Long> mirrors = someMirrors(stack, 3);
        stack.source.latency(20, 0);
        List<String> violations = new ArrayList<>();
        long slowest = 0;
        int refused = 0;
        try {
            String batch = steps.startImport(paths);
            steps.awaitProgress(batch, n / 5);
            stack.mongo.stop();
            long outage = System.nanoTime();
            Http http = stack.http();
            List<Http.Answer> answers = new ArrayList<>();
            answers.add(http.get("/api/mirrors?page_size=10"));
            answers.add(http.get("/api/batches/" + batch + "?lines_page_size=0"));
            for (long mirror : mirrors) {
                answers.add(http.post("/api/mirrors/" + mirror + "/update", ""));
            }
            for (Http.Answer answer : answers) {
                slowest = Math.max(slowest, answer.millis());
                if (answer.status() == 503 && answer.problem()) {
                    refused++;
                } else {
                    violations.add("a request while MongoDB was away answered " + answer.status() + " "
                            + answer.contentType() + " " + abbreviate(answer.body()));
                }
                if (answer.millis() > MONGO_AWAY_LIMIT_MS) {
                    violations.add("a request took " + answer.millis() + " ms while MongoDB was away");
                }
            }
            sleepOut(outage, stack.mode.outage());
            stack.mongo.start().awaitReady(Duration.ofSeconds(60));
            long restart = System.nanoTime();
            Duration ended = steps.awaitEnded(batch);
            Duration recovery = ended == null ? null : Steps.since(restart);
            violations.addAll(steps.importInvariants(batch, paths, ended));
            return new Outcome(
                    "MongoDB stopped mid-import",
                    "import of " + n + ", MongoDB stopped for "
                            + stack.mode.outage().toSeconds()
                            + " s after a fifth and started again from its files; reads and syncs requested meanwhile",
                    "requests meanwhile fail fast with 503 problem+json; import invariants as above",
                    violations,
                    recovery,
                    refused + " of " + answers.size() + " requests answered 503 problem, slowest " + slowest + " ms");
        } finally {
            stack.source.reset();
            if (!stack.mongo.alive()) {
                stack.mongo.start().awaitReady(Duration.ofSeconds(60));
            }
        }
    }

    private static boolean commandEnded(Stack stack, String commandId) {
        Http.Answer answer = stack.http().get("/api/commands/" + commandId);
        String status = answer.json().path("status").asString("");
        return status.equals("succeeded") || status.equals("failed");
    }

    /** Mirrors created by earlier scenarios, to request syncs of. */
    static List<Long> someMirrors(Stack stack, int n) {
        List<Long> ids = new ArrayList<>();
        for (Document d : stack.store()
                .getCollection("mirrors")
                .find(Filters.eq("lifecycle", "active"))
                .projection(Projections.include("_id"))
                .limit(200)) {
            ids.add(((Number) d.get("_id")).longValue());
        }
        List<Long> picked = new ArrayList<>();
        for (int i = 0; i < n && !ids.isEmpty(); i++) {
            picked.add(ids.remove(ThreadLocalRandom.current().nextInt(ids.size())));
        }
        return picked;
    }

    /** Lets the outage last its full length (the services are meant to sit through it). */
    private static void sleepOut(long startNanos, Duration length) {
        long left = length.toNanos() - (System.nanoTime() - startNanos);
        if (left > 0) {
            org.awaitility.Awaitility.await()
                    .pollDelay(Duration.ofNanos(left))
                    .atMost(length.plusSeconds(5))
                    .until(() -> true);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
