package io.mirrormaestro.gitlab.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * One API request as the simulator received it, secrets masked: token headers are never recorded,
 * secret-looking parameters read "[FILTERED]" and credentials inside URLs read "*****".
 *
 * @param at when the request arrived, before any simulated latency
 * @param path the raw path as sent, e.g. {@code /api/v4/projects/platform%2Fcore%2Fapi}
 * @param query query parameters (repeated parameters joined with ",")
 * @param body parsed form or JSON body parameters
 * @param tokenName name of the access token used; null without a token, "<unknown>" for a token
 *     the instance does not know
 */
public record RequestLogEntry(
        Instant at,
        String method,
        String path,
        Map<String, String> query,
        Map<String, Object> body,
        int status,
        String tokenName) {

    private static final String API_PREFIX = "/api/v4";

    /** The path after /api/v4, still URL-encoded, e.g. {@code /projects/42/remote_mirrors}. */
    public String apiPath() {
        return path.startsWith(API_PREFIX) ? path.substring(API_PREFIX.length()) : path;
    }

    /** Convenience: a parameter from the body, else from the query. */
    public Object param(String name) {
        Object fromBody = body.get(name);
        return fromBody != null ? fromBody : query.get(name);
    }
}
