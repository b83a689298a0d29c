package io.mirrormaestro.gitlab.simulator.http;

import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps "METHOD /projects/:id/..." templates (matched against the raw path after /api/v4). */
public final class Router {
    /** GET/HEAD accept read_api, everything else needs api: GitLab's API-wide scope rule. */
    public static final Set<String> READ_SCOPES = Set.of("api", "read_api");

    public static final Set<String> WRITE_SCOPES = Set.of("api");

    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(Call call);
    }

    /**
     * @param scopes token scopes that may call this route, null for "any scope"
     * @param available false when the simulated GitLab version/edition lacks the route
     */
    public record Route(
            String method,
            String template,
            Pattern pattern,
            List<String> names,
            Handler handler,
            Set<String> scopes,
            Predicate<InstanceState> available,
            boolean allowAnonymous) {}

    public record Match(Route route, Map<String, String> params) {}

    private final List<Route> routes = new ArrayList<>();

    public RouteBuilder route(String method, String template, Handler handler) {
        return new RouteBuilder(method, template, handler);
    }

    public final class RouteBuilder {
        private final String method;
        private final String template;
        private final Handler handler;
        private Set<String> scopes;
        private Predicate<InstanceState> available = s -> true;
        private boolean allowAnonymous;

        private RouteBuilder(String method, String template, Handler handler) {
            this.method = method;
            this.template = template;
            this.handler = handler;
            this.scopes = "GET".equals(method) ? READ_SCOPES : WRITE_SCOPES;
        }

        public RouteBuilder scopes(Set<String> allowed) {
            this.scopes = allowed;
            return this;
        }

        public RouteBuilder anyScope() {
            this.scopes = null;
            return this;
        }

        public RouteBuilder when(Predicate<InstanceState> condition) {
            this.available = condition;
            return this;
        }

        public RouteBuilder anonymous() {
            this.allowAnonymous = true;
            return this;
        }

        public void add() {
            List<String> names = new ArrayList<>();
            StringBuilder regex = new StringBuilder("^");
            for (String part : template.substring(1).split("/")) {
                regex.append('/');
                if (part.startsWith(":")) {
                    names.add(part.substring(1));
                    regex.append("([^/]+)");
                } else {
                    regex.append(Pattern.quote(part));
                }
            }
            regex.append('$');
            routes.add(new Route(
                    method,
                    template,
                    Pattern.compile(regex.toString()),
                    names,
                    handler,
                    scopes,
                    available,
                    allowAnonymous));
        }
    }

    /** Grape semantics: unknown path is 404, known path with another method is 405. */
    public Match match(String method, String apiPath, InstanceState state) {
        boolean pathKnown = false;
        String effectiveMethod = "HEAD".equals(method) ? "GET" : method;
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(apiPath);
            if (!m.matches() || !route.available().test(state)) {
                continue;
            }
            if (!route.method().equals(effectiveMethod)) {
                pathKnown = true;
                continue;
            }
            Map<String, String> params = new java.util.HashMap<>();
            for (int i = 0; i < route.names().size(); i++) {
                params.put(route.names().get(i), ApiRequest.decodePathSegment(m.group(i + 1)));
            }
            return new Match(route, params);
        }
        throw pathKnown ? ApiException.methodNotAllowed() : ApiException.routeNotFound();
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
