package io.mirrormaestro.faults;

import io.mirrormaestro.testing.ApiClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * What a hostile or careless client may send: fuzzed bodies, paths and queries on every endpoint; cross-site writes
 * and WebSocket handshakes; GitLab URLs aimed at internal networks. Nothing may answer 5xx, every refusal is
 * problem+json, and a refused request writes nothing.
 */
final class AbuseScenarios {

    /** Collections a refused request must leave as they were. */
    private static final List<String> WRITTEN = List.of(
            "instances", "pairs", "group_tokens", "group_defaults", "mirrors", "commands", "batches", "batch_items");

    private AbuseScenarios() {}

    /** One fuzzed request. */
    record Probe(String method, String path, String contentType, String body) {

        @Override
        public String toString() {
            String shown = body == null ? "" : body.length() > 80 ? body.substring(0, 80) + "..." : body;
            return method + " " + (path.length() > 100 ? path.substring(0, 100) + "..." : path) + " [" + contentType
                    + "] " + shown;
        }
    }

    static Outcome fuzz(Stack stack) {
        Http http = stack.http();
        List<String> violations = new ArrayList<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        int accepted = 0;
        List<Probe> probes =
                probes(stack).sampleStream().limit(stack.mode.fuzzTries()).toList();
        for (Probe probe : probes) {
            Map<String, Long> before = counts(stack);
            Http.Answer answer = http.send(probe.method(), probe.path(), probe.body(), probe.contentType(), Map.of());
            byStatus.merge(answer.status() == 0 ? "none" : String.valueOf(answer.status()), 1, Integer::sum);
            if (answer.status() == 0 || answer.status() >= 500) {
                violations.add(
                        answer.status() + " for " + probe + (answer.error() == null ? "" : " " + answer.error()));
                continue;
            }
            if (answer.status() >= 400) {
                if (!answer.problem()) {
                    violations.add(answer.status() + " not problem+json (" + answer.contentType() + ") for " + probe);
                }
                Map<String, Long> after = counts(stack);
                if (!after.equals(before)) {
                    violations.add("refused " + probe + " wrote: " + before + " -> " + after);
                }
            } else if (!probe.method().equals("GET")) {
                accepted++;
            }
        }
        return new Outcome(
                "Fuzzed requests (jqwik)",
                probes.size() + " requests generated with jqwik over every endpoint: random JSON (types, nulls, huge"
                        + " strings, nesting 2,000 deep, unknown fields, Mongo operators), malformed bodies, wrong"
                        + " content types, odd path ids (encoded control characters, dot segments, huge numbers)"
                        + " and queries",
                "no 5xx and no dropped connection; every 4xx is application/problem+json; a refused request"
                        + " changes no collection",
                violations,
                null,
                "answers by status: " + byStatus + (accepted > 0 ? "; " + accepted + " writes accepted" : ""));
    }

    private static Map<String, Long> counts(Stack stack) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String collection : WRITTEN) {
            counts.put(collection, stack.store().getCollection(collection).countDocuments());
        }
        return counts;
    }

    /** Requests over every endpoint, with ids that name nothing real (a fuzzed DELETE must not hit the estate). */
    static Arbitrary<Probe> probes(Stack stack) {
        Arbitrary<String> id = Arbitraries.oneOf(
                Arbitraries.longs().between(900_000, Long.MAX_VALUE).map(String::valueOf),
                Arbitraries.of(
                        "-1",
                        "0",
                        "abc",
                        "99999999999999999999999",
                        "%00",
                        "%2e%2e%2f",
                        "..%2f",
                        "%0d%0aX-Injected:1",
                        "1;drop",
                        "%F0%9D%84%9E",
                        "1e9",
                        "%20",
                        UUIDish()));
        Arbitrary<String> path = Arbitraries.oneOf(
                Arbitraries.of(
                        "/api/instances",
                        "/api/pairs",
                        "/api/tokens",
                        "/api/group-defaults",
                        "/api/mirrors",
                        "/api/mirrors/batch",
                        "/api/export/pair/" + stack.pairId,
                        "/api/instances/0/check"),
                id.map(i -> "/api/instances/" + i),
                id.map(i -> "/api/pairs/" + i),
                id.map(i -> "/api/tokens/" + i),
                id.map(i -> "/api/group-defaults/" + i),
                id.map(i -> "/api/mirrors/" + i),
                id.map(i -> "/api/mirrors/" + i + "/update"),
                id.map(i -> "/api/mirrors/" + i + "/verify"),
                id.map(i -> "/api/mirrors/" + i + "/rotate-token"),
                id.map(i -> "/api/batches/" + i + "/cancel"),
                id.map(i -> "/api/export/pair/" + i),
                id.map(i -> "/api/commands/" + i),
                id.map(i -> "/api/instances/" + i + "/check"));
        Arbitrary<String> readPath = Combinators.combine(
                        Arbitraries.of(
                                "/api/mirrors",
                                "/api/batches",
                                "/api/activity",
                                "/api/search",
                                "/api/topology",
                                "/api/topology/link-mirrors",
                                "/api/dashboard/metrics",
                                "/api/dashboard/quick-stats",
                                "/api/health",
                                "/api/pairs",
                                "/api/instances",
                                "/api/tokens",
                                "/api/commands",
                                "/api/batches/" + stack.pairId),
                        query())
                .as((p, q) -> p + q);
        Arbitrary<Probe> writes = Combinators.combine(
                        Arbitraries.of("POST", "PUT", "DELETE", "PATCH"), path, contentType(), body())
                .as(Probe::new);
        Arbitrary<Probe> reads = readPath.map(p -> new Probe("GET", p, null, null));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, writes), net.jqwik.api.Tuple.of(1, reads));
    }

    private static String UUIDish() {
        return "00000000-0000-0000-0000-000000000000";
    }

    private static Arbitrary<String> query() {
        Arbitrary<String> key = Arbitraries.oneOf(
                Arbitraries.of(
                        "page",
                        "page_size",
                        "status",
                        "search",
                        "q",
                        "order_by",
                        "order_dir",
                        "instance_pair_id",
                        "limit",
                        "before",
                        "kind",
                        "subject_id",
                        "group_path",
                        "token_status",
                        "source_instance_id",
                        "target_instance_id",
                        "lines_page_size",
                        "line_status"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12));
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.of(
                        "-1",
                        "0",
                        "99999999999",
                        "(.*",
                        "[",
                        "$where",
                        "{\"$gt\":\"\"}",
                        "1e309",
                        "NaN",
                        "2031-13-45",
                        "x".repeat(5000)));
        return Combinators.combine(key, value)
                .as((k, v) -> URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(v, StandardCharsets.UTF_8))
                .list()
                .ofMaxSize(4)
                .map(pairs -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
    }

    private static Arbitrary<String> contentType() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just("application/json")),
                net.jqwik.api.Tuple.of(
                        3,
                        Arbitraries.of(
                                "text/plain",
                                "application/xml",
                                "multipart/form-data",
                                "multipart/form-data; boundary=x",
                                "application/x-www-form-urlencoded",
                                "application/json; charset=utf-16",
                                "application/octet-stream",
                                "*/*",
                                "garbage")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    }

    private static Arbitrary<String> body() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, json(4).map(ApiClient.JSON::writeValueAsString)),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.of(
                                "",
                                "{",
                                "[]",
                                "null",
                                "true",
                                "\"text\"",
                                "{\"a\":1,}",
                                "{\"mirrors\":\"all\"}",
                                "[".repeat(2000) + "]".repeat(2000),
                                "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
                                "{\"name\":\"" + "n".repeat(300_000) + "\"}",
                                "\u0000\u0001\u0002",
                                "<xml/>")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    }

    /** Random JSON, shaped like the API's bodies often enough to pass the first checks. */
    private static Arbitrary<Object> json(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s),
                Arbitraries.strings()
                        .withCharRange('\u0000', '\uffff')
                        .ofMaxLength(20)
                        .map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null),
                Arbitraries.just("x".repeat(70_000)).map(s -> (Object) s),
                Arbitraries.of(
                                "http://127.0.0.1:1",
                                "javascript:alert(1)",
                                "../../etc/passwd",
                                "group/project",
                                "push",
                                "pull",
                                "sync",
                                "$ne")
                        .map(s -> (Object) s));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> key = Arbitraries.oneOf(
                Arbitraries.of(
                        "name",
                        "url",
                        "token",
                        "description",
                        "source_instance_id",
                        "target_instance_id",
                        "instance_pair_id",
                        "mirror_direction",
                        "group_path",
                        "token_name",
                        "gitlab_instance_id",
                        "source_project_path",
                        "target_project_path",
                        "source_project_id",
                        "mirror_ids",
                        "action",
                        "enabled",
                        "mirrors",
                        "mirror_branch_regex",
                        "$where",
                        "$gt",
                        "$set",
                        "_id",
                        "__proto__"),
                Arbitraries.strings().ofMaxLength(10));
        Arbitrary<Object> object =
                Arbitraries.maps(key, json(depth - 1)).ofMaxSize(6).map(m -> (Object) new LinkedHashMap<>(m));
        Arbitrary<Object> array = json(depth - 1).list().ofMaxSize(5).map(l -> (Object) l);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, leaf), net.jqwik.api.Tuple.of(4, object), net.jqwik.api.Tuple.of(1, array));
    }

    /** Cross-site writes and WebSocket handshakes from a foreign origin or with wrong credentials. */
    static Outcome crossSite(Stack stack) {
        Http http = stack.http();
        List<String> violations = new ArrayList<>();
        String evil = "https://evil.example";
        long throwaway = http.post(
                        "/api/pairs",
                        "{\"name\":\"csrf-target\",\"source_instance_id\":" + stack.sourceId
                                + ",\"target_instance_id\":" + stack.targetId + ",\"mirror_direction\":\"push\"}")
                .json()
                .path("id")
                .asLong();
        Map<String, Long> before = counts(stack);
        Map<String, Http.Answer> answers = new LinkedHashMap<>();
        answers.put(
                "POST from a foreign Origin",
                http.send(
                        "POST",
                        "/api/pairs",
                        "{\"name\":\"csrf\",\"source_instance_id\":" + stack.sourceId + ",\"target_instance_id\":"
                                + stack.targetId + "}",
                        "application/json",
                        Map.of("Origin", evil)));
        answers.put(
                "PUT from a foreign Origin",
                http.send(
                        "PUT",
                        "/api/pairs/" + throwaway,
                        "{\"name\":\"renamed\"}",
                        "application/json",
                        Map.of("Origin", evil)));
        answers.put(
                "DELETE from a foreign Origin",
                http.send("DELETE", "/api/pairs/" + throwaway, null, null, Map.of("Origin", evil)));
        answers.put(
                "POST marked Sec-Fetch-Site: cross-site",
                http.send(
                        "POST",
                        "/api/mirrors/batch",
                        "{\"action\":\"sync\",\"instance_pair_id\":" + stack.pairId + "}",
                        "application/json",
                        Map.of("Sec-Fetch-Site", "cross-site")));
        answers.put(
                "import as text/plain from a foreign Origin (a form's simple request)",
                http.send(
                        "POST",
                        "/api/export/pair/" + stack.pairId,
                        Steps.importFile(List.of("suite/csrf-a")),
                        "text/plain",
                        Map.of("Origin", evil)));
        for (Map.Entry<String, Http.Answer> e : answers.entrySet()) {
            if (e.getValue().status() != 403 || !e.getValue().problem()) {
                violations.add(e.getKey() + " answered " + e.getValue().status() + " "
                        + e.getValue().contentType());
            }
        }
        Http.Answer plain = http.send(
                "POST",
                "/api/export/pair/" + stack.pairId,
                Steps.importFile(List.of("suite/csrf-b")),
                "text/plain",
                Map.of());
        if (plain.status() != 415 || !plain.problem()) {
            violations.add("import as text/plain from a script answered " + plain.status());
        }
        if (!counts(stack).equals(before)) {
            violations.add("refused cross-site requests wrote: " + before + " -> " + counts(stack));
        }
        if (http.get("/api/pairs/" + throwaway).status() != 200) {
            violations.add("the cross-site DELETE removed the pair");
        }
        http.delete("/api/pairs/" + throwaway);
        String good = ApiClient.basic(Stack.USER, Stack.PASSWORD);
        String wrong = ApiClient.basic(Stack.USER, "not-the-password");
        String foreign = Http.raw(stack.apiPort, handshake(stack.apiPort, evil, good));
        String badCredentials =
                Http.raw(stack.apiPort, handshake(stack.apiPort, "http://127.0.0.1:" + stack.apiPort, wrong));
        String sameOrigin =
                Http.raw(stack.apiPort, handshake(stack.apiPort, "http://127.0.0.1:" + stack.apiPort, good));
        if (!foreign.startsWith("HTTP/1.1 403")) {
            violations.add("WebSocket handshake from a foreign Origin: " + firstLine(foreign));
        }
        if (!badCredentials.startsWith("HTTP/1.1 401")) {
            violations.add("WebSocket handshake with wrong credentials: " + firstLine(badCredentials));
        }
        if (!sameOrigin.startsWith("HTTP/1.1 101")) {
            violations.add("same-origin WebSocket handshake: " + firstLine(sameOrigin));
        }
        return new Outcome(
                "Cross-site requests and WebSocket origins",
                "POST, PUT and DELETE with a foreign Origin, a POST marked Sec-Fetch-Site: cross-site, the import sent"
                        + " as text/plain from a foreign page and from a script; WebSocket handshakes from a foreign"
                        + " Origin, with wrong credentials, and same-origin",
                "cross-site writes 403 problem+json and nothing written; text/plain 415; WebSocket: foreign Origin"
                        + " 403, wrong credentials 401, same origin 101",
                violations,
                null,
                "handshakes: " + firstLine(foreign) + " / " + firstLine(badCredentials) + " / "
                        + firstLine(sameOrigin));
    }

    private static String handshake(int port, String origin, String authorization) {
        return "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: " + origin
                + "\r\nAuthorization: " + authorization + "\r\n\r\n";
    }

    private static String firstLine(String head) {
        int end = head.indexOf('\r');
        return end < 0 ? head : head.substring(0, end);
    }

    /**
     * An api-service with private addresses not allowed (as in production) is asked to register GitLab URLs that lead
     * to internal networks in every spelling: all are refused before GitLab is called, and nothing is stored.
     */
    static Outcome addressGuard(Stack stack) {
        int port = io.mirrormaestro.embedded.FreePorts.pick();
        Proc guarded = stack.extraApi(
                "api-guarded",
                Map.of(
                        "MM_ALLOW_PRIVATE_ADDRESSES",
                        "false",
                        "MM_HTTP_PORT",
                        String.valueOf(port),
                        "MM_MONGODB_URI",
                        "mongodb://127.0.0.1:" + stack.mongoPort + "/faults-guard"));
        List<String> violations = new ArrayList<>();
        int t = stack.targetPort;
        List<String> urls = List.of(
                "http://127.0.0.1:" + t,
                "http://localhost:" + t,
                "http://127.1:" + t,
                "http://2130706433:" + t,
                "http://0x7f000001:" + t,
                "http://0177.0.0.1:" + t,
                "http://0.0.0.0:" + t,
                "http://10.0.0.1",
                "http://172.16.5.4",
                "http://172.31.255.254",
                "http://192.168.1.1",
                "http://169.254.169.254",
                "http://100.64.0.1",
                "http://[::1]:" + t,
                "http://[::ffff:127.0.0.1]:" + t,
                "http://[::ffff:a9fe:a9fe]",
                "http://[fe80::1]",
                "http://[fd00::1]",
                "http://[2002:7f00:1::]:" + t,
                "http://[64:ff9b::a00:1]");
        try {
            guarded.start().awaitReady(Duration.ofSeconds(180));
            Http http = new Http(port, Stack.USER, Stack.PASSWORD);
            stack.target.clearRequests();
            Map<String, Integer> statuses = new TreeMap<>();
            for (String url : urls) {
                Http.Answer answer = http.post(
                        "/api/instances",
                        "{\"name\":\"guard-" + Math.abs(url.hashCode()) + "\",\"url\":\"" + url + "\",\"token\":\""
                                + Stack.TARGET_TOKEN + "\"}");
                statuses.merge(String.valueOf(answer.status()), 1, Integer::sum);
                boolean namesUrl = answer.json().path("errors").valueStream().anyMatch(e -> e.path("field")
                        .asString()
                        .equals("url"));
                // 400 when the host resolves to an internal address, 422 when the URL has no usable host at all
                if ((answer.status() != 400 && answer.status() != 422) || !answer.problem() || !namesUrl) {
                    violations.add(url + " answered " + answer.status() + " " + answer.body());
                }
            }
            if (!stack.target.requests("*", "").isEmpty()) {
                violations.add(
                        "GitLab received " + stack.target.requests("*", "").size() + " requests");
            }
            long stored = stack.mongoClient()
                    .getDatabase("faults-guard")
                    .getCollection("instances")
                    .countDocuments();
            if (stored != 0) {
                violations.add(stored + " instances stored");
            }
            return new Outcome(
                    "Address guard",
                    "an api-service with MM_ALLOW_PRIVATE_ADDRESSES=false asked to register " + urls.size()
                            + " GitLab URLs: loopback (127.0.0.1, localhost, 127.1, decimal 2130706433, hex, octal,"
                            + " 0.0.0.0, [::1]), 10/8, 172.16/12, 192.168/16, link-local, 100.64/10, IPv4-mapped,"
                            + " unique-local, link-local IPv6, 6to4 and NAT64 forms",
                    "each refused (400, or 422 when the URL has no usable host) as problem+json naming url; GitLab never called; nothing stored (connection-time checks of"
                            + " names that resolve differently later: AddressGuardTest, ConnectionGuardTest,"
                            + " GitLabProbeGuardTest)",
                    violations,
                    null,
                    "answers: " + statuses);
        } finally {
            guarded.stop();
        }
    }
}
