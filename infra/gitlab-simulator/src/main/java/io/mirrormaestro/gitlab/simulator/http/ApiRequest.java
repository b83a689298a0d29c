package io.mirrormaestro.gitlab.simulator.http;

import com.sun.net.httpserver.Headers;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A parsed request. Parameters merge the query string and the body (form-encoded or JSON), body
 * winning, which is how Grape presents them to GitLab's endpoints.
 */
public final class ApiRequest {
    private static final Set<String> TRUE = Set.of("1", "true", "t", "yes", "y", "on");
    private static final Set<String> FALSE = Set.of("0", "false", "f", "no", "n", "off");

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Map<String, Object> body;
    private final Map<String, Object> params;
    private final Headers headers;

    public ApiRequest(String method, String rawPath, String rawQuery, byte[] bodyBytes, Headers headers) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.headers = headers;
        this.query = parseQuery(rawQuery);
        this.body = parseBody(bodyBytes, headers.getFirst("Content-Type"));
        Map<String, Object> merged = new LinkedHashMap<>();
        query.forEach((k, v) -> merged.put(k, v.size() == 1 && !k.endsWith("[]") ? v.get(0) : v));
        merged.putAll(body);
        Map<String, Object> normalized = new LinkedHashMap<>();
        merged.forEach((k, v) -> normalized.put(k.endsWith("[]") ? k.substring(0, k.length() - 2) : k, v));
        this.params = Collections.unmodifiableMap(normalized);
    }

    public String method() {
        return method;
    }

    public String rawPath() {
        return rawPath;
    }

    public String rawQuery() {
        return rawQuery;
    }

    public Map<String, List<String>> query() {
        return query;
    }

    public Map<String, Object> body() {
        return body;
    }

    public Map<String, Object> params() {
        return params;
    }

    public String header(String name) {
        return headers.getFirst(name);
    }

    public boolean has(String name) {
        return params.containsKey(name) && params.get(name) != null;
    }

    public String string(String name) {
        Object v = params.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> list) {
            return list.isEmpty() ? null : String.valueOf(list.get(list.size() - 1));
        }
        return String.valueOf(v);
    }

    /** Grape Boolean coercion; an unparsable value is "&lt;name&gt; is invalid". */
    public Boolean bool(String name) {
        Object v = params.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = string(name).trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(s)) {
            return true;
        }
        if (FALSE.contains(s)) {
            return false;
        }
        throw ApiException.paramError(name + " is invalid");
    }

    public boolean bool(String name, boolean fallback) {
        Boolean b = bool(name);
        return b == null ? fallback : b;
    }

    public Integer integer(String name) {
        Object v = params.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(string(name).trim());
        } catch (NumberFormatException e) {
            throw ApiException.paramError(name + " is invalid");
        }
    }

    public Long longValue(String name) {
        Object v = params.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(string(name).trim());
        } catch (NumberFormatException e) {
            throw ApiException.paramError(name + " is invalid");
        }
    }

    public LocalDate date(String name) {
        String s = string(name);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.trim().length() > 10 ? s.trim().substring(0, 10) : s.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.paramError(name + " is invalid");
        }
    }

    /** Array parameter: "scopes[]=a&scopes[]=b", a JSON array, or a comma separated string. */
    public List<String> list(String name) {
        Object v = params.get(name);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            list.forEach(o -> out.add(String.valueOf(o)));
        } else {
            for (String part : String.valueOf(v).split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    // ---- parsing

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decodeForm(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeForm(pair.substring(eq + 1));
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static Map<String, Object> parseBody(byte[] bytes, String contentType) {
        if (bytes == null || bytes.length == 0) {
            return Map.of();
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            try {
                return Collections.unmodifiableMap(Json.readMap(bytes));
            } catch (Exception e) {
                throw ApiException.paramError("The provided content-type 'application/json' is not supported.");
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        parseQuery(new String(bytes, StandardCharsets.UTF_8)).forEach((k, v) -> {
            if (k.endsWith("[]")) {
                out.put(k, List.copyOf(v));
            } else {
                // Rack keeps the last value of a repeated plain key
                out.put(k, v.get(v.size() - 1));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    private static String decodeForm(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Path segment decoding: "%2F" becomes "/", "+" stays "+". */
    public static String decodePathSegment(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()) {
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
