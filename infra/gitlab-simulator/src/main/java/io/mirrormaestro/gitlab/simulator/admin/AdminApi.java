package io.mirrormaestro.gitlab.simulator.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mirrormaestro.gitlab.simulator.Faults;
import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.SimUser;
import io.mirrormaestro.gitlab.simulator.SimulatedInstance;
import io.mirrormaestro.gitlab.simulator.http.ApiException;
import io.mirrormaestro.gitlab.simulator.http.ApiRequest;
import io.mirrormaestro.gitlab.simulator.http.ApiResponse;
import io.mirrormaestro.gitlab.simulator.http.ApiServer;
import io.mirrormaestro.gitlab.simulator.http.Json;
import io.mirrormaestro.gitlab.simulator.http.RequestLog;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;
import io.mirrormaestro.gitlab.simulator.seed.SeedReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Test-control endpoints under /-/sim (a prefix GitLab never serves). They need no token: they
 * exist for tests, demos and benchmarks on loopback only.
 */
public final class AdminApi implements HttpHandler {
    private final SimulatedInstance instance;

    public AdminApi(SimulatedInstance instance) {
        this.instance = instance;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] bytes = ApiServer.readAll(exchange.getRequestBody());
        ApiResponse response;
        try {
            ApiRequest request = new ApiRequest(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    bytes,
                    exchange.getRequestHeaders());
            String path =
                    request.rawPath().substring(ApiServer.ADMIN_PREFIX.length()).replace('-', '_');
            response = route(request.method(), path.isEmpty() ? "/" : path, request, bytes);
        } catch (ApiException e) {
            response = e.response();
        } catch (IllegalArgumentException | IllegalStateException e) {
            response = ApiResponse.json(400, Map.of("message", String.valueOf(e.getMessage())));
        }
        ApiServer.writeResponse(exchange, response);
    }

    private ApiResponse route(String method, String path, ApiRequest request, byte[] bytes) {
        Faults faults = instance.faults();
        String key = method + " " + path;
        switch (key) {
            case "GET /":
                return ApiResponse.ok(info());
            case "GET /state":
                return ApiResponse.ok(StateDump.build(
                        instance.internalState(), instance.internalFaults(), request.bool("secrets", false)));
            case "GET /requests":
                return ApiResponse.ok(requests(request));
            case "DELETE /requests":
                instance.clearRequestLog();
                return ApiResponse.noContent();
            case "GET /faults":
                return ApiResponse.ok(StateDump.faults(instance.internalFaults()));
            case "POST /faults/latency", "PUT /faults/latency":
                faults.setLatency(millis(request, "fixed_ms"), millis(request, "jitter_ms"));
                return faultsNow();
            case "POST /faults/error_rate", "PUT /faults/error_rate":
                faults.setErrorRate(
                        request.string("method"),
                        required(request, "path_regex"),
                        Double.parseDouble(required(request, "rate")),
                        intOr(request, "status", 500));
                return faultsNow();
            case "POST /faults/fail_next":
                faults.failNext(
                        request.string("method"),
                        required(request, "path_regex"),
                        intOr(request, "times", 1),
                        intOr(request, "status", 500));
                return faultsNow();
            case "POST /faults/rate_limit", "PUT /faults/rate_limit":
                faults.setRateLimitPerMinute(intOr(request, "per_minute", 0));
                if (request.has("headers_on_every_answer")) {
                    faults.setRateLimitHeadersOnEveryAnswer(request.bool("headers_on_every_answer"));
                }
                return faultsNow();
            case "POST /faults/stuck", "PUT /faults/stuck":
                faults.setStuck(projectId(request), request.bool("stuck", true));
                return faultsNow();
            case "POST /faults/sync_delay", "PUT /faults/sync_delay":
                faults.setSyncDelay(millis(request, "ms"));
                return faultsNow();
            case "POST /faults/reset":
                faults.reset();
                return faultsNow();
            case "POST /clock/advance":
                instance.advanceClock(Duration.ofSeconds(Long.parseLong(required(request, "seconds"))));
                return ApiResponse.ok(Map.of("now", Json.time(instance.now())));
            case "POST /settings", "PUT /settings":
                if (request.has("version")) {
                    instance.setVersion(request.string("version"));
                }
                if (request.has("premium")) {
                    instance.setPremium(request.bool("premium"));
                }
                if (request.has("allow_local_requests_from_web_hooks_and_services")) {
                    instance.setLocalRequestsAllowed(request.bool("allow_local_requests_from_web_hooks_and_services"));
                }
                if (request.has("outbound_local_requests_whitelist")) {
                    instance.setLocalRequestsAllowlist(request.list("outbound_local_requests_whitelist"));
                }
                return ApiResponse.ok(info());
            case "POST /seed":
                SeedReport report = instance.seedWithReport(new ByteArrayInputStream(bytes));
                return ApiResponse.ok(report);
            case "POST /generate":
                instance.generateEstate(
                        intOr(request, "groups", 10),
                        intOr(request, "projects_per_group", 10),
                        intOr(request, "seed", 42));
                return ApiResponse.ok(Map.of("projects", instance.projectCount(), "groups", instance.groupCount()));
            case "POST /users":
                SimUser user = instance.createUser(required(request, "username"), request.bool("admin", false));
                return ApiResponse.created(user);
            case "POST /tokens":
                return ApiResponse.created(createToken(request));
            case "POST /tokens/revoke":
                instance.revokeToken(required(request, "token"));
                return ApiResponse.noContent();
            default:
                return ApiResponse.json(404, Map.of("error", "404 Not Found"));
        }
    }

    private Map<String, Object> info() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", instance.name());
        m.put("port", instance.port());
        m.put("base_url", instance.baseUrl().toString());
        m.put("version", instance.options().version());
        m.put("premium", instance.options().premium());
        m.put("allow_local_requests_from_web_hooks_and_services", instance.localRequestsAllowed());
        m.put("projects", instance.projectCount());
        m.put("groups", instance.groupCount());
        return m;
    }

    private ApiResponse faultsNow() {
        return ApiResponse.ok(StateDump.faults(instance.internalFaults()));
    }

    private List<Object> requests(ApiRequest request) {
        String method = request.string("method");
        String pathContains = request.string("path_contains");
        List<Object> out = new ArrayList<>();
        for (RequestLog.Entry e : instance.internalRequestLog().entries()) {
            RequestLogEntry entry = e.entry();
            if (method != null && !method.equalsIgnoreCase(entry.method())
                    || pathContains != null && !entry.path().contains(pathContains)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", Json.time(entry.at()));
            m.put("method", entry.method());
            m.put("path", entry.path());
            m.put("api_path", e.apiPath());
            m.put("query", entry.query());
            m.put("body", entry.body());
            m.put("status", entry.status());
            m.put("token_id", e.tokenId());
            m.put("token_name", entry.tokenName());
            m.put("duration_us", e.micros());
            out.add(m);
        }
        return out;
    }

    private Map<String, Object> createToken(ApiRequest request) {
        String type = request.string("type") == null ? "personal" : request.string("type");
        String name = required(request, "name");
        List<String> scopes = request.list("scopes") == null ? List.of("api") : request.list("scopes");
        LocalDate expiresAt = request.date("expires_at");
        int level = intOr(request, "access_level", 40);
        String explicit = request.string("token");
        String value =
                switch (type) {
                    case "personal" ->
                        instance.createPersonalAccessToken(
                                instance.user(required(request, "user"))
                                        .orElseThrow(() -> new IllegalArgumentException("no such user")),
                                name,
                                new LinkedHashSet<>(scopes),
                                expiresAt,
                                explicit);
                    case "group" ->
                        instance.createGroupAccessToken(
                                instance.group(required(request, "group"))
                                        .orElseThrow(() -> new IllegalArgumentException("no such group")),
                                name,
                                new LinkedHashSet<>(scopes),
                                level,
                                expiresAt,
                                explicit);
                    case "project" ->
                        instance.createProjectAccessToken(
                                instance.project(required(request, "project"))
                                        .orElseThrow(() -> new IllegalArgumentException("no such project")),
                                name,
                                new LinkedHashSet<>(scopes),
                                level,
                                expiresAt,
                                explicit);
                    default -> throw new IllegalArgumentException("type must be personal, group or project");
                };
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token", value);
        m.put("id", instance.tokenInfo(value).orElseThrow().id());
        return m;
    }

    private long projectId(ApiRequest request) {
        if (request.has("project_id")) {
            return request.longValue("project_id");
        }
        InstanceState state = instance.internalState();
        ProjectRec project = state.projectByIdOrPath(required(request, "project"));
        if (project == null) {
            throw new IllegalArgumentException("no such project");
        }
        return project.id;
    }

    private static Duration millis(ApiRequest request, String name) {
        Long ms = request.longValue(name);
        return Duration.ofMillis(ms == null ? 0 : ms);
    }

    private static int intOr(ApiRequest request, String name, int fallback) {
        Integer v = request.integer(name);
        return v == null ? fallback : v;
    }

    private static String required(ApiRequest request, String name) {
        String v = request.string(name);
        if (v == null) {
            throw ApiException.paramError(name + " is missing");
        }
        return v;
    }
}
