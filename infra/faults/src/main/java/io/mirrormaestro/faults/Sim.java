package io.mirrormaestro.faults;

import io.mirrormaestro.testing.ApiClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** One simulated GitLab instance, driven through the simulator's admin API (it runs in a process of its own). */
final class Sim {

    private final Http http;
    final int port;

    Sim(int port) {
        this.port = port;
        this.http = new Http(port, null, null);
    }

    boolean up() {
        return http.get("/-/sim").status() == 200;
    }

    /** Creates projects (and their groups) by path. */
    void projects(List<String> paths) {
        for (int i = 0; i < paths.size(); i += 1000) {
            Map<String, Object> seed = Map.of("projects", paths.subList(i, Math.min(paths.size(), i + 1000)));
            expectOk(http.post("/-/sim/seed", ApiClient.JSON.writeValueAsString(seed)));
        }
    }

    void latency(long fixedMs, long jitterMs) {
        expectOk(http.post("/-/sim/faults/latency", "{\"fixed_ms\":" + fixedMs + ",\"jitter_ms\":" + jitterMs + "}"));
    }

    void errorRate(String method, String pathRegex, double rate, int status) {
        expectOk(http.post(
                "/-/sim/faults/error-rate",
                ApiClient.JSON.writeValueAsString(
                        Map.of("method", method, "path_regex", pathRegex, "rate", rate, "status", status))));
    }

    void failNext(String method, String pathRegex, int times, int status) {
        expectOk(http.post(
                "/-/sim/faults/fail-next",
                ApiClient.JSON.writeValueAsString(
                        Map.of("method", method, "path_regex", pathRegex, "times", times, "status", status))));
    }

    void rateLimit(int perMinute) {
        expectOk(http.post("/-/sim/faults/rate-limit", "{\"per_minute\":" + perMinute + "}"));
    }

    void reset() {
        expectOk(http.post("/-/sim/faults/reset", "{}"));
    }

    /** Creates a token with the given value; {@code fields}: type, user/group/project, name, scopes, access_level. */
    void token(Map<String, Object> fields) {
        expectOk(http.post("/-/sim/tokens", ApiClient.JSON.writeValueAsString(fields)));
    }

    JsonNode state() {
        return http.get("/-/sim/state").json();
    }

    /** How many push mirrors each project holds, by path. */
    Map<String, Integer> pushMirrors() {
        Map<String, Integer> byPath = new HashMap<>();
        for (JsonNode project : state().path("projects")) {
            byPath.put(
                    project.path("path_with_namespace").asString(),
                    project.path("push_mirrors").size());
        }
        return byPath;
    }

    /** The request log: method, api path, status, token name and time of each request. */
    List<JsonNode> requests(String method, String pathContains) {
        List<JsonNode> entries = new ArrayList<>();
        String query = (method.equals("*") ? "" : "method=" + method + "&") + "path_contains=" + pathContains;
        http.get("/-/sim/requests?" + query).json().forEach(entries::add);
        return entries;
    }

    void clearRequests() {
        http.delete("/-/sim/requests");
    }

    private static void expectOk(Http.Answer answer) {
        if (answer.status() < 200 || answer.status() > 299) {
            throw new IllegalStateException("simulator refused: " + answer.status() + " " + answer.body());
        }
    }
}
