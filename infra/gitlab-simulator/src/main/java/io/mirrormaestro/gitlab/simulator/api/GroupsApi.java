package io.mirrormaestro.gitlab.simulator.api;

import io.mirrormaestro.gitlab.simulator.http.ApiException;
import io.mirrormaestro.gitlab.simulator.http.ApiRequest;
import io.mirrormaestro.gitlab.simulator.http.ApiResponse;
import io.mirrormaestro.gitlab.simulator.http.Call;
import io.mirrormaestro.gitlab.simulator.http.Pagination;
import io.mirrormaestro.gitlab.simulator.http.Router;
import io.mirrormaestro.gitlab.simulator.model.AccessLevel;
import io.mirrormaestro.gitlab.simulator.model.GroupRec;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;
import io.mirrormaestro.gitlab.simulator.model.UserRec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Groups list, group details, subgroups, descendant groups and group projects. */
public final class GroupsApi {
    /** GET /groups/:id embeds at most this many projects. */
    private static final int EMBEDDED_PROJECTS = 100;

    private final InstanceState state;
    private final Entities entities;
    private final Finders finders;
    private final ProjectQuery projectQuery;

    public GroupsApi(InstanceState state, Entities entities, Finders finders, ProjectsApi projects) {
        this.state = state;
        this.entities = entities;
        this.finders = finders;
        this.projectQuery = projects.query();
    }

    public void register(Router router) {
        router.route("GET", "/groups", this::list).anonymous().add();
        router.route("GET", "/groups/:id", this::get).anonymous().add();
        router.route("GET", "/groups/:id/subgroups", this::subgroups)
                .anonymous()
                .add();
        router.route("GET", "/groups/:id/descendant_groups", this::descendants)
                .anonymous()
                .add();
        router.route("GET", "/groups/:id/projects", this::projects).anonymous().add();
    }

    private ApiResponse list(Call call) {
        UserRec user = call.user();
        ApiRequest request = call.request();
        boolean allAvailable = request.bool("all_available", user != null && user.admin);
        boolean topLevelOnly = request.bool("top_level_only", false);
        List<GroupRec> candidates = new ArrayList<>();
        for (GroupRec g : state.groups.values()) {
            if (topLevelOnly && g.parent != null) {
                continue;
            }
            boolean visible = user == null
                    ? state.canRead(null, g)
                    : allAvailable ? state.canRead(user, g) : state.memberLevel(user, g) >= AccessLevel.GUEST;
            if (visible) {
                candidates.add(g);
            }
        }
        return page(request, user, candidates);
    }

    private ApiResponse get(Call call) {
        GroupRec group = finders.group(call);
        UserRec user = call.user();
        Map<String, Object> body = entities.group(group);
        body.put("shared_with_groups", List.of());
        if (call.request().bool("with_projects", true)) {
            List<Object> projects = new ArrayList<>();
            for (ProjectRec p : group.projects) {
                if (projects.size() == EMBEDDED_PROJECTS) {
                    break;
                }
                if (state.canRead(user, p)) {
                    projects.add(entities.project(p, user, false));
                }
            }
            body.put("projects", projects);
            body.put("shared_projects", List.of());
        }
        return ApiResponse.ok(body);
    }

    private ApiResponse subgroups(Call call) {
        GroupRec group = finders.group(call);
        return page(call.request(), call.user(), readable(call.user(), group.children));
    }

    private ApiResponse descendants(Call call) {
        GroupRec group = finders.group(call);
        List<GroupRec> all = new ArrayList<>();
        group.collectDescendants(all);
        return page(call.request(), call.user(), readable(call.user(), all));
    }

    private ApiResponse projects(Call call) {
        GroupRec group = finders.group(call);
        ApiRequest request = call.request();
        List<ProjectRec> source = new ArrayList<>(group.projects);
        if (request.bool("include_subgroups", false)) {
            List<GroupRec> below = new ArrayList<>();
            group.collectDescendants(below);
            below.forEach(g -> source.addAll(g.projects));
        }
        return projectQuery.list(request, call.user(), source);
    }

    private List<GroupRec> readable(UserRec user, Collection<GroupRec> groups) {
        List<GroupRec> out = new ArrayList<>();
        for (GroupRec g : groups) {
            if (state.canRead(user, g)) {
                out.add(g);
            }
        }
        return out;
    }

    private ApiResponse page(ApiRequest request, UserRec user, List<GroupRec> groups) {
        String search = request.string("search");
        boolean owned = request.bool("owned", false);
        Integer minAccess = request.integer("min_access_level");
        List<GroupRec> out = new ArrayList<>();
        for (GroupRec g : groups) {
            if (search != null
                    && !(g.name + " " + g.path + " " + g.fullPath)
                            .toLowerCase(Locale.ROOT)
                            .contains(search.toLowerCase(Locale.ROOT))) {
                continue;
            }
            int level = state.memberLevel(user, g);
            if (owned && level < AccessLevel.OWNER || minAccess != null && level < minAccess) {
                continue;
            }
            out.add(g);
        }
        String orderBy = request.string("order_by") == null ? "name" : request.string("order_by");
        Comparator<GroupRec> order =
                switch (orderBy) {
                    case "name" ->
                        Comparator.<GroupRec, String>comparing(g -> g.name.toLowerCase(Locale.ROOT))
                                .thenComparingLong(g -> g.id);
                    case "path" ->
                        Comparator.<GroupRec, String>comparing(g -> g.fullPath.toLowerCase(Locale.ROOT))
                                .thenComparingLong(g -> g.id);
                    case "id" -> Comparator.comparingLong(g -> g.id);
                    default -> throw ApiException.paramError("order_by does not have a valid value");
                };
        String sort =
                request.string("sort") == null ? "asc" : request.string("sort").toLowerCase(Locale.ROOT);
        if (sort.equals("desc")) {
            order = order.reversed();
        } else if (!sort.equals("asc")) {
            throw ApiException.paramError("sort does not have a valid value");
        }
        out.sort(order);
        return Pagination.offset(request, state.baseUrl(), out, entities::group);
    }
}
