package io.mirrormaestro.faults;

import com.mongodb.client.model.Filters;
import io.mirrormaestro.common.kafka.Topics;
import io.mirrormaestro.testing.BatchInvariants;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import tools.jackson.databind.JsonNode;

/**
 * GitLab misbehaving (errors, slowness, timeouts, resets, an instance down) and commands arriving twice or losing their
 * worker: every command ends, nothing happens twice in GitLab.
 */
final class GitLabScenarios {

    private GitLabScenarios() {}

    static Outcome storm(Stack stack) {
        Steps steps = new Steps(stack);
        int n = stack.mode.stormSize();
        List<String> paths = steps.projects("storm", n);
        String doomed = paths.get(n / 2);
        long doomedId = projectId(stack.source, doomed);
        List<String> violations = new ArrayList<>();
        String figures;
        try {
            // the attempt limit: one project's mirror creation always fails
            stack.source.failNext(
                    "POST",
                    "/projects/(" + doomedId + "|" + URLEncoder.encode(doomed, StandardCharsets.UTF_8)
                            + ")/remote_mirrors",
                    100_000,
                    503);
            stack.source.errorRate("*", ".*", 0.2, 503);
            stack.source.clearRequests();
            String batch = steps.startImport(paths);
            steps.awaitProgress(batch, n / 4);
            // slow answers, some beyond the worker's 3 s read timeout, and connections reset
            stack.source.latency(200, 3800);
            stack.sourceProxy.resetRate(0.15);
            steps.awaitProgress(batch, n / 2);
            stack.source.latency(0, 0);
            stack.sourceProxy.resetRate(0);
            // the instance down
            stack.sourceProxy.down();
            org.awaitility.Awaitility.await()
                    .pollDelay(stack.mode.instanceDown())
                    .atMost(stack.mode.instanceDown().plusSeconds(5))
                    .until(() -> true);
            stack.sourceProxy.up();
            stack.source.errorRate("*", ".*", 0, 503);
            long back = System.nanoTime();
            Duration ended = steps.awaitEnded(batch);
            Duration recovery = ended == null ? null : Steps.since(back);
            if (ended == null) {
                violations.add("storm batch did not end: " + steps.counters(batch));
            }
            violations.addAll(BatchInvariants.check(stack.api(), batch));
            Map<String, Integer> mirrors = stack.source.pushMirrors();
            int failed = 0;
            int leftInGitLab = 0;
            for (JsonNode line : lines(stack, batch)) {
                String path = line.path("source_project_path").asString();
                int inGitLab = mirrors.getOrDefault(path, 0);
                String status = line.path("status").asString();
                if (status.equals("succeeded") && inGitLab != 1) {
                    violations.add("succeeded line " + path + " has " + inGitLab + " push mirrors in GitLab");
                } else if (status.equals("failed")) {
                    failed++;
                    if (inGitLab > 1) {
                        violations.add("failed line " + path + " left " + inGitLab + " push mirrors in GitLab");
                    }
                    leftInGitLab += inGitLab;
                }
            }
            Document doomedCommand = commandOfLine(stack, batch, doomed);
            if (doomedCommand == null
                    || !"FAILED".equals(doomedCommand.getString("status"))
                    || doomedCommand.getInteger("attempts", 0) != 8
                    || !lastFailureOfTheStorm(String.valueOf(doomedCommand.getString("last_error")))) {
                violations.add("the always-failing line did not fail after 8 attempts with GitLab's last answer: "
                        + (doomedCommand == null ? "no command" : doomedCommand.toJson()));
            }
            long errors = stack.source.requests("*", "").stream()
                    .filter(r -> r.path("status").asInt() >= 500)
                    .count();
            figures = errors + " 5xx answered, " + stack.sourceProxy.resets() + " connections reset, " + failed
                    + " of " + n + " lines failed after 8 attempts (" + leftInGitLab
                    + " of them with a mirror GitLab created before a timeout)";
            return new Outcome(
                    "GitLab storm",
                    "import of " + n + " while GitLab answers 20 % 503; then answers slowed to 0.2-4 s (read timeout"
                            + " 3 s) with 15 % of connections reset; then the instance down for "
                            + stack.mode.instanceDown().toSeconds()
                            + " s; one project's mirror creation always answers 503",
                    "every command ends succeeded or failed with GitLab's message; the always-failing one after"
                            + " exactly 8 attempts; succeeded lines hold exactly 1 push mirror, failed ones at most 1;"
                            + " batch counters = lines",
                    violations,
                    recovery,
                    figures);
        } finally {
            stack.source.reset();
            stack.sourceProxy.resetRate(0);
            stack.sourceProxy.up();
        }
    }

    /**
     * GitLab throttles with 429 and {@code Retry-After}; with one worker talking to GitLab, no request may reach it
     * between a 429 (plus the requests already in flight) and the end of the wait GitLab asked for.
     */
    static Outcome retryAfter(Stack stack) {
        Steps steps = new Steps(stack);
        // 3 requests a line on the source (its project lookups are shared by the group's listing): 300 requests at
        // 120 a minute, so GitLab must throttle
        int n = Math.min(100, stack.mode.stormSize());
        List<String> paths = steps.projects("throttle", n);
        Proc idle = stack.workers.get(1);
        idle.stop();
        List<String> violations = new ArrayList<>();
        try {
            stack.source.clearRequests();
            stack.source.rateLimit(120);
            String batch = steps.startImport(paths);
            long start = System.nanoTime();
            Duration ended = steps.awaitEnded(batch);
            stack.source.rateLimit(0);
            List<String> importViolations = steps.importInvariants(batch, paths, ended);
            violations.addAll(importViolations);
            List<JsonNode> log = stack.source.requests("*", "");
            int throttled = 0;
            int early = 0;
            for (int i = 0; i < log.size(); i++) {
                JsonNode entry = log.get(i);
                if (entry.path("status").asInt() != 429) {
                    continue;
                }
                throttled++;
                java.time.Instant at = java.time.Instant.parse(entry.path("at").asString());
                // GitLab's window ends at the next minute; calls already sent may land within a few seconds
                long resetsAt = (at.getEpochSecond() / 60 + 1) * 60;
                for (JsonNode later : log) {
                    java.time.Instant t =
                            java.time.Instant.parse(later.path("at").asString());
                    if (t.isAfter(at.plusSeconds(4)) && t.getEpochSecond() < resetsAt - 1) {
                        early++;
                    }
                }
            }
            if (early > 0) {
                violations.add(early + " requests reached GitLab before its Retry-After had passed");
            }
            if (throttled == 0) {
                violations.add("GitLab never throttled: the scenario proved nothing");
            }
            return new Outcome(
                    "GitLab throttles (429 Retry-After)",
                    "import of " + n + " with one worker while GitLab allows 120 requests a minute",
                    "no request between a 429 and its Retry-After; import invariants",
                    violations,
                    null,
                    throttled + " answers 429, import took " + Steps.seconds(Steps.since(start)));
        } finally {
            stack.source.reset();
            idle.start().awaitReady(Duration.ofSeconds(180));
        }
    }

    /** The same command delivered twice more: at once to another partition (another worker) and again in order. */
    static Outcome duplicates(Stack stack) {
        Steps steps = new Steps(stack);
        String project = steps.projects("dup", 1).get(0);
        long projectId = projectId(stack.source, project);
        List<String> violations = new ArrayList<>();
        stack.source.latency(1500, 0);
        stack.source.clearRequests();
        try {
            Http.Answer created = stack.http()
                    .post(
                            "/api/mirrors",
                            "{\"instance_pair_id\":" + stack.pairId + ",\"source_project_path\":\"" + project
                                    + "\",\"target_project_path\":\"" + project + "\"}");
            if (created.status() != 202) {
                throw new IllegalStateException("create refused: " + created.status() + " " + created.body());
            }
            UUID commandId = UUID.fromString(created.json().path("command_id").asString());
            Document command = stack.store()
                    .getCollection("commands")
                    .find(Filters.eq("_id", commandId))
                    .first();
            String payload = command.getString("payload");
            String key = command.getString("subject_id");
            try (KafkaProducer<String, String> kafka = producer(stack)) {
                kafka.send(new ProducerRecord<>(Topics.COMMANDS, key + "#twin", payload));
                kafka.send(new ProducerRecord<>(Topics.COMMANDS, key, payload));
                kafka.flush();
            }
            if (!steps.eventually("duplicated command ended", () -> "SUCCEEDED".equals(status(stack, commandId)))) {
                violations.add("command did not succeed: " + status(stack, commandId));
            }
            // a repeat that found the command running looks again when its lease ends (10 s) and a JobRunr poll
            org.awaitility.Awaitility.await()
                    .pollDelay(Duration.ofSeconds(17))
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> true);
            Document after = stack.store()
                    .getCollection("commands")
                    .find(Filters.eq("_id", commandId))
                    .first();
            if (after.getInteger("attempts", 0) != 1) {
                violations.add("the command ran " + after.getInteger("attempts", 0) + " attempts");
            }
            long posts = stack.source.requests("POST", "remote_mirrors").stream()
                    .filter(r -> r.path("api_path").asString().startsWith("/projects/" + projectId + "/")
                            || r.path("api_path")
                                    .asString()
                                    .startsWith("/projects/" + URLEncoder.encode(project, StandardCharsets.UTF_8)))
                    .filter(r -> r.path("api_path").asString().endsWith("/remote_mirrors"))
                    .count();
            if (posts != 1) {
                violations.add(posts + " push mirror creations reached GitLab");
            }
            violations.addAll(steps.oneMirrorEach(List.of(project)));
            return new Outcome(
                    "Duplicate deliveries",
                    "a create command (GitLab 1.5 s per call) delivered twice more through Kafka: at once to another"
                            + " partition (the other worker) and again to its own",
                    "command succeeded in exactly 1 attempt; exactly 1 push mirror creation reached GitLab; 1 push"
                            + " mirror in GitLab",
                    violations,
                    null,
                    posts + " creation request(s) at GitLab");
        } finally {
            stack.source.reset();
        }
    }

    /** The worker running a command dies; after its lease another takes the command over and finishes it once. */
    static Outcome leaseTakeover(Stack stack) {
        Steps steps = new Steps(stack);
        String project = steps.projects("lease", 1).get(0);
        List<String> violations = new ArrayList<>();
        stack.source.latency(2500, 0);
        try {
            Http.Answer created = stack.http()
                    .post(
                            "/api/mirrors",
                            "{\"instance_pair_id\":" + stack.pairId + ",\"source_project_path\":\"" + project
                                    + "\",\"target_project_path\":\"" + project + "\"}");
            UUID commandId = UUID.fromString(created.json().path("command_id").asString());
            steps.eventually("command running", () -> "RUNNING".equals(status(stack, commandId)));
            Document running = stack.store()
                    .getCollection("commands")
                    .find(Filters.eq("_id", commandId))
                    .first();
            Proc owner = stack.workerByPid(running.getString("worker"));
            org.awaitility.Awaitility.await()
                    .pollDelay(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> true);
            owner.kill();
            long killed = System.nanoTime();
            stack.source.latency(0, 0);
            owner.start();
            boolean ended = steps.eventually("taken over", () -> "SUCCEEDED".equals(status(stack, commandId)));
            Duration recovery = ended ? Steps.since(killed) : null;
            Document after = stack.store()
                    .getCollection("commands")
                    .find(Filters.eq("_id", commandId))
                    .first();
            if (!ended) {
                violations.add("command not finished after its worker died: " + after.toJson());
            }
            if (after.getInteger("attempts", 0) < 2) {
                violations.add("the command was not taken over (attempts " + after.getInteger("attempts", 0) + ")");
            }
            violations.addAll(steps.oneMirrorEach(List.of(project)));
            owner.awaitReady(Duration.ofSeconds(180));
            return new Outcome(
                    "Expired lease takeover",
                    "a create command (GitLab 2.5 s per call) running on a worker that is killed -9 mid-way (lease"
                            + " 10 s)",
                    "another attempt takes it over after the lease and succeeds; exactly 1 push mirror in GitLab",
                    violations,
                    recovery,
                    "attempts " + after.getInteger("attempts", 0) + ", last run by " + after.getString("worker"));
        } finally {
            stack.source.reset();
        }
    }

    static KafkaProducer<String, String> producer(Stack stack) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + stack.kafkaPort);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /**
     * What the doomed line's last attempt can have met: its 503, or, when that attempt fell in the minute the instance
     * was down (or on a slowed or reset connection), that failure (found when a loaded machine stretched the scenario).
     */
    private static boolean lastFailureOfTheStorm(String error) {
        return error.contains("503")
                || error.contains("unreachable")
                || error.contains("timed out")
                || error.contains("reset");
    }

    private static String status(Stack stack, UUID commandId) {
        Document d = stack.store()
                .getCollection("commands")
                .find(Filters.eq("_id", commandId))
                .first();
        return d == null ? null : d.getString("status");
    }

    static long projectId(Sim gitlab, String path) {
        for (JsonNode project : gitlab.state().path("projects")) {
            if (project.path("path_with_namespace").asString().equals(path)) {
                return project.path("id").asLong();
            }
        }
        throw new IllegalStateException("no project " + path);
    }

    private static List<JsonNode> lines(Stack stack, String batch) {
        List<JsonNode> lines = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode items = stack.http()
                    .get("/api/batches/" + batch + "?lines_page_size=1000&lines_page=" + page)
                    .json()
                    .path("lines");
            items.forEach(lines::add);
            if (items.size() < 1000) {
                return lines;
            }
        }
    }

    private static Document commandOfLine(Stack stack, String batch, String path) {
        for (JsonNode line : lines(stack, batch)) {
            if (line.path("source_project_path").asString().equals(path)
                    && line.path("command_id").isString()) {
                return stack.store()
                        .getCollection("commands")
                        .find(Filters.eq(
                                "_id", UUID.fromString(line.path("command_id").asString())))
                        .first();
            }
        }
        return null;
    }
}
