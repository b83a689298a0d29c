package io.mirrormaestro.gitlab.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mirrormaestro.gitlab.simulator.RequestLogEntry;
import io.mirrormaestro.gitlab.simulator.auth.Authenticator;
import io.mirrormaestro.gitlab.simulator.auth.Principal;
import io.mirrormaestro.gitlab.simulator.faults.FaultState;
import io.mirrormaestro.gitlab.simulator.faults.RateLimiter;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline of one instance: latency, rate limit, injected faults, routing,
 * authentication and scopes, then the endpoint; every API call ends up in the request log.
 */
public final class ApiServer implements HttpHandler {
    public static final String API_PREFIX = "/api/v4";
    public static final String ADMIN_PREFIX = "/-/sim";
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final InstanceState state;
    private final Router router;
    private final Authenticator authenticator;
    private final FaultState faults;
    private final RequestLog log;
    private final HttpHandler admin;

    public ApiServer(
            InstanceState state,
            Router router,
            Authenticator authenticator,
            FaultState faults,
            RequestLog log,
            HttpHandler admin) {
        this.state = state;
        this.router = router;
        this.authenticator = authenticator;
        this.faults = faults;
        this.log = log;
        this.admin = admin;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String rawPath = exchange.getRequestURI().getRawPath();
            if (rawPath.equals(ADMIN_PREFIX) || rawPath.startsWith(ADMIN_PREFIX + "/")) {
                admin.handle(exchange);
                return;
            }
            long started = System.nanoTime();
            Instant arrived = Instant.now(); // the log says when GitLab received the call, before any latency
            byte[] body = readAll(exchange.getRequestBody());
            ApiRequest request;
            ApiResponse response;
            Principal principal = Principal.ANONYMOUS;
            String apiPath = rawPath.startsWith(API_PREFIX) ? rawPath.substring(API_PREFIX.length()) : rawPath;
            try {
                request = new ApiRequest(
                        exchange.getRequestMethod(),
                        rawPath,
                        exchange.getRequestURI().getRawQuery(),
                        body,
                        exchange.getRequestHeaders());
            } catch (ApiException e) {
                write(exchange, e.response());
                return;
            }
            try {
                principal = authenticator.identify(request);
                response = process(request, apiPath, principal);
            } catch (ApiException e) {
                response = e.response();
            } catch (RuntimeException e) {
                LOG.warn("simulated GitLab {} failed on {} {}", state.name, request.method(), rawPath, e);
                response = ApiResponse.json(500, Map.of("message", "500 Internal Server Error"));
            }
            log.add(new RequestLog.Entry(
                    new RequestLogEntry(
                            arrived,
                            request.method(),
                            rawPath,
                            RequestLog.maskQuery(request.query()),
                            RequestLog.maskBody(request.body()),
                            response.status(),
                            principal.tokenName()),
                    principal.token() == null ? null : principal.token().id,
                    apiPath,
                    (System.nanoTime() - started) / 1000));
            // logged before answering, so a client that got its answer always finds the entry
            write(exchange, response);
        } finally {
            exchange.close();
        }
    }

    private ApiResponse process(ApiRequest request, String apiPath, Principal principal) {
        long delay = faults.latencyMillis();
        if (delay > 0) {
            sleep(delay);
        }
        // Retry-After is what is left of the current fixed window, as throttled_response_headers computes it
        // (period - now % period), not a constant
        RateLimiter.Decision decision = faults.rateLimiter().check(principal.rateLimitKey());
        ApiResponse response = decision != null && !decision.allowed()
                ? ApiResponse.text(429, "Retry later\n")
                        .header("Retry-After", String.valueOf(decision.retryAfterSeconds()))
                : respond(request, apiPath, principal);
        // Rack::Attack's throttled_responder adds the RateLimit-* headers to the 429 only
        // (lib/gitlab/rack_attack.rb, throttled_response_headers); self-managed GitLab sends none on other answers.
        // GitLab.com's edge sends them on every answer, which the rate-limit-headers-everywhere knob imitates.
        if (decision != null && (response.status() == 429 || faults.rateLimitHeadersOnEveryAnswer())) {
            rateLimitHeaders(response, decision);
        }
        return response;
    }

    private ApiResponse respond(ApiRequest request, String apiPath, Principal principal) {
        Optional<Integer> injected = faults.injectedFailure(request.method(), apiPath);
        if (injected.isPresent()) {
            return injectedAnswer(injected.get());
        }
        if (!request.rawPath().startsWith(API_PREFIX + "/")) {
            return ApiResponse.text(404, "Not Found\n");
        }
        try {
            Router.Match match = router.match(request.method(), apiPath, state);
            Router.Route route = match.route();
            Authenticator.requireValid(principal, route.allowAnonymous());
            Authenticator.requireScope(principal, route.scopes());
            return route.handler().handle(new Call(request, match.params(), principal));
        } catch (ApiException e) {
            return e.response();
        }
    }

    private static ApiResponse injectedAnswer(int status) {
        if (status == 429) {
            return ApiResponse.text(429, "Retry later\n").header("Retry-After", "60");
        }
        return ApiResponse.json(status, Map.of("message", status + " " + reason(status)));
    }

    private static void rateLimitHeaders(ApiResponse response, RateLimiter.Decision d) {
        response.header("RateLimit-Name", "throttle_authenticated_api");
        response.header("RateLimit-Limit", String.valueOf(d.limit()));
        response.header("RateLimit-Observed", String.valueOf(d.observed()));
        response.header("RateLimit-Remaining", String.valueOf(d.remaining()));
        response.header("RateLimit-Reset", String.valueOf(d.resetEpochSecond()));
        response.header(
                "RateLimit-ResetTime",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        Instant.ofEpochSecond(d.resetEpochSecond()).atOffset(ZoneOffset.UTC)));
    }

    static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        if (response.status() == 204 || response.body() == null && !response.isText()) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes;
        if (response.isText()) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            bytes = String.valueOf(response.body()).getBytes(StandardCharsets.UTF_8);
        } else {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            bytes = Json.bytes(response.body());
        }
        if (head) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static void writeResponse(HttpExchange exchange, ApiResponse response) throws IOException {
        write(exchange, response);
    }

    public static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }
}
