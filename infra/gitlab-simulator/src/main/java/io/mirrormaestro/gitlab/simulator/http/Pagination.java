package io.mirrormaestro.gitlab.simulator.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** GitLab's offset and keyset pagination, with its headers (doc/api/rest/_index.md). */
public final class Pagination {
    public static final int DEFAULT_PER_PAGE = 20;
    public static final int MAX_PER_PAGE = 100;
    /**
     * Above this many records GitLab stops counting: no x-total, x-total-pages, rel="last" ("For performance
     * reasons, if a query returns more than 10,000 records, GitLab doesn't return" them, doc/api/rest/_index.md).
     */
    public static final int COUNT_LIMIT = 10_000;

    private Pagination() {}

    public static int perPage(ApiRequest request) {
        Integer perPage = request.integer("per_page");
        if (perPage == null || perPage < 1) {
            return DEFAULT_PER_PAGE;
        }
        return Math.min(perPage, MAX_PER_PAGE);
    }

    public static <T> ApiResponse offset(
            ApiRequest request, String baseUrl, List<T> items, Function<T, Object> render) {
        Integer requestedPage = request.integer("page");
        int page = requestedPage == null || requestedPage < 1 ? 1 : requestedPage;
        int perPage = perPage(request);
        int total = items.size();
        int totalPages = Math.max(1, (total + perPage - 1) / perPage);
        boolean outOfRange = page > totalPages;
        long from = (long) (page - 1) * perPage;
        List<Object> slice = new ArrayList<>();
        for (long i = from; i < Math.min(total, from + perPage); i++) {
            slice.add(render.apply(items.get((int) i)));
        }
        boolean counted = total <= COUNT_LIMIT;
        String next = !outOfRange && page < totalPages ? String.valueOf(page + 1) : "";
        String prev = !outOfRange && page > 1 ? String.valueOf(page - 1) : "";

        ApiResponse response = ApiResponse.ok(slice);
        response.header("X-Page", String.valueOf(page));
        response.header("X-Per-Page", String.valueOf(perPage));
        response.header("X-Next-Page", next);
        response.header("X-Prev-Page", prev);
        if (counted) {
            response.header("X-Total", String.valueOf(total));
            response.header("X-Total-Pages", String.valueOf(totalPages));
        }
        List<String> links = new ArrayList<>();
        if (!prev.isEmpty()) {
            links.add(link(request, baseUrl, Map.of("page", prev, "per_page", perPage), "prev"));
        }
        if (!next.isEmpty()) {
            links.add(link(request, baseUrl, Map.of("page", next, "per_page", perPage), "next"));
        }
        links.add(link(request, baseUrl, Map.of("page", 1, "per_page", perPage), "first"));
        if (counted) {
            links.add(link(request, baseUrl, Map.of("page", totalPages, "per_page", perPage), "last"));
        }
        response.header("Link", String.join(", ", links));
        return response;
    }

    /**
     * Keyset pagination ordered by id: only a rel="next" link (carrying id_after / id_before), no
     * counts, as doc/api/rest/_index.md "Keyset-based pagination" describes (Link and Links headers).
     * {@code items} must already be sorted in the requested direction.
     */
    public static <T> ApiResponse keysetById(
            ApiRequest request,
            String baseUrl,
            List<T> items,
            boolean ascending,
            ToLongFunction<T> id,
            Function<T, Object> render) {
        int perPage = perPage(request);
        Long after = request.longValue("id_after");
        Long before = request.longValue("id_before");
        List<Object> slice = new ArrayList<>();
        T last = null;
        boolean more = false;
        for (T item : items) {
            long itemId = id.applyAsLong(item);
            if (ascending && after != null && itemId <= after) {
                continue;
            }
            if (!ascending && before != null && itemId >= before) {
                continue;
            }
            if (slice.size() == perPage) {
                more = true;
                break;
            }
            slice.add(render.apply(item));
            last = item;
        }
        ApiResponse response = ApiResponse.ok(slice);
        if (more) {
            String cursorName = ascending ? "id_after" : "id_before";
            String link = link(
                    request,
                    baseUrl,
                    Map.of(cursorName, id.applyAsLong(last), "per_page", perPage),
                    "next",
                    "id_after",
                    "id_before");
            response.header("Link", link);
            response.header("Links", link);
        }
        return response;
    }

    private static String link(
            ApiRequest request, String baseUrl, Map<String, Object> set, String rel, String... alsoDrop) {
        StringBuilder query = new StringBuilder();
        List<String> dropped = new ArrayList<>(List.of("page", "per_page", "private_token", "access_token"));
        dropped.addAll(List.of(alsoDrop));
        request.query().forEach((key, values) -> {
            if (dropped.contains(key) || set.containsKey(key)) {
                return;
            }
            for (String value : values) {
                append(query, key, value);
            }
        });
        set.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> append(query, e.getKey(), String.valueOf(e.getValue())));
        return "<" + baseUrl + request.rawPath() + "?" + query + ">; rel=\"" + rel + "\"";
    }

    private static void append(StringBuilder query, String key, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(URLEncoder.encode(key, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
