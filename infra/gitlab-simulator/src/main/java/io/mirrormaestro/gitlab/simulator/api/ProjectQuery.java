package io.mirrormaestro.gitlab.simulator.api;

import io.mirrormaestro.gitlab.simulator.http.ApiException;
import io.mirrormaestro.gitlab.simulator.http.ApiRequest;
import io.mirrormaestro.gitlab.simulator.http.ApiResponse;
import io.mirrormaestro.gitlab.simulator.http.Pagination;
import io.mirrormaestro.gitlab.simulator.model.AccessLevel;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;
import io.mirrormaestro.gitlab.simulator.model.UserRec;
import io.mirrormaestro.gitlab.simulator.model.Visibility;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The filters, ordering and pagination shared by GET /projects and GET /groups/:id/projects. */
final class ProjectQuery {
    private static final Set<String> ORDER_BY =
            Set.of("id", "name", "path", "created_at", "updated_at", "last_activity_at", "similarity", "star_count");

    private final InstanceState state;
    private final Entities entities;

    ProjectQuery(InstanceState state, Entities entities) {
        this.state = state;
        this.entities = entities;
    }

    ApiResponse list(ApiRequest request, UserRec user, Collection<ProjectRec> source) {
        String orderBy = request.string("order_by") == null ? "created_at" : request.string("order_by");
        if (!ORDER_BY.contains(orderBy)) {
            throw ApiException.paramError("order_by does not have a valid value");
        }
        String sort =
                request.string("sort") == null ? "desc" : request.string("sort").toLowerCase(Locale.ROOT);
        if (!sort.equals("asc") && !sort.equals("desc")) {
            throw ApiException.paramError("sort does not have a valid value");
        }
        boolean keyset = "keyset".equals(request.string("pagination"));
        if (keyset && !orderBy.equals("id")) {
            throw new ApiException(ApiResponse.json(
                    405, Map.of("error", "Keyset pagination is not yet available for this type of request")));
        }
        List<ProjectRec> matching = filter(request, user, source);
        Comparator<ProjectRec> order = comparator(orderBy);
        if (sort.equals("desc")) {
            order = order.reversed();
        }
        matching.sort(order);
        boolean simple = request.bool("simple", false);
        if (keyset) {
            return Pagination.keysetById(
                    request,
                    state.baseUrl(),
                    matching,
                    sort.equals("asc"),
                    p -> p.id,
                    p -> entities.project(p, user, simple));
        }
        return Pagination.offset(request, state.baseUrl(), matching, p -> entities.project(p, user, simple));
    }

    private List<ProjectRec> filter(ApiRequest request, UserRec user, Collection<ProjectRec> source) {
        String search = lower(request.string("search"));
        boolean searchNamespaces = request.bool("search_namespaces", false);
        boolean membership = request.bool("membership", false);
        boolean owned = request.bool("owned", false);
        Integer minAccess = request.integer("min_access_level");
        Boolean archived = request.bool("archived");
        Visibility visibility = null;
        if (request.string("visibility") != null) {
            try {
                visibility = Visibility.parse(request.string("visibility"));
            } catch (IllegalArgumentException e) {
                throw ApiException.paramError("visibility does not have a valid value");
            }
        }
        List<ProjectRec> out = new ArrayList<>();
        for (ProjectRec p : source) {
            if (!state.canRead(user, p)) {
                continue;
            }
            if (search != null) {
                String haystack = searchNamespaces ? p.pathWithNamespace : p.name + " " + p.path;
                if (!haystack.toLowerCase(Locale.ROOT).contains(search)) {
                    continue;
                }
            }
            if ((membership || owned || minAccess != null) && user != null) {
                int level = state.memberLevel(user, p);
                if (membership && level < AccessLevel.GUEST
                        || owned && level < AccessLevel.OWNER
                        || minAccess != null && level < minAccess) {
                    continue;
                }
            }
            if (archived != null && p.archived != archived) {
                continue;
            }
            if (visibility != null && p.visibility != visibility) {
                continue;
            }
            out.add(p);
        }
        return out;
    }

    private static Comparator<ProjectRec> comparator(String orderBy) {
        Comparator<ProjectRec> byId = Comparator.comparingLong(p -> p.id);
        return switch (orderBy) {
            case "name", "similarity" ->
                Comparator.<ProjectRec, String>comparing(p -> p.name.toLowerCase(Locale.ROOT))
                        .thenComparing(byId);
            case "path" ->
                Comparator.<ProjectRec, String>comparing(p -> p.path.toLowerCase(Locale.ROOT))
                        .thenComparing(byId);
            case "updated_at" ->
                Comparator.<ProjectRec, java.time.Instant>comparing(p -> p.updatedAt)
                        .thenComparing(byId);
            case "last_activity_at" ->
                Comparator.<ProjectRec, java.time.Instant>comparing(p -> p.lastActivityAt)
                        .thenComparing(byId);
            case "created_at" ->
                Comparator.<ProjectRec, java.time.Instant>comparing(p -> p.createdAt)
                        .thenComparing(byId);
            default -> byId;
        };
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.toLowerCase(Locale.ROOT);
    }
}
