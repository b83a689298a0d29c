package io.mirrormaestro.gitlab.simulator;

import com.sun.net.httpserver.HttpServer;
import io.mirrormaestro.gitlab.simulator.admin.AdminApi;
import io.mirrormaestro.gitlab.simulator.admin.StateDump;
import io.mirrormaestro.gitlab.simulator.api.Entities;
import io.mirrormaestro.gitlab.simulator.api.Finders;
import io.mirrormaestro.gitlab.simulator.api.GroupsApi;
import io.mirrormaestro.gitlab.simulator.api.MetaApi;
import io.mirrormaestro.gitlab.simulator.api.ProjectsApi;
import io.mirrormaestro.gitlab.simulator.auth.Authenticator;
import io.mirrormaestro.gitlab.simulator.faults.FaultState;
import io.mirrormaestro.gitlab.simulator.faults.RateLimiter;
import io.mirrormaestro.gitlab.simulator.http.ApiServer;
import io.mirrormaestro.gitlab.simulator.http.Json;
import io.mirrormaestro.gitlab.simulator.http.RequestLog;
import io.mirrormaestro.gitlab.simulator.http.Router;
import io.mirrormaestro.gitlab.simulator.mirrors.MirrorEngine;
import io.mirrormaestro.gitlab.simulator.mirrors.PullMirrorsApi;
import io.mirrormaestro.gitlab.simulator.mirrors.PushMirrorsApi;
import io.mirrormaestro.gitlab.simulator.mirrors.RemoteDirectory;
import io.mirrormaestro.gitlab.simulator.model.AccessLevel;
import io.mirrormaestro.gitlab.simulator.model.GroupRec;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.MirrorStatus;
import io.mirrormaestro.gitlab.simulator.model.MirrorUrl;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;
import io.mirrormaestro.gitlab.simulator.model.PushMirrorRec;
import io.mirrormaestro.gitlab.simulator.model.TokenRec;
import io.mirrormaestro.gitlab.simulator.model.UserRec;
import io.mirrormaestro.gitlab.simulator.model.Visibility;
import io.mirrormaestro.gitlab.simulator.seed.EstateGenerator;
import io.mirrormaestro.gitlab.simulator.seed.SeedLoader;
import io.mirrormaestro.gitlab.simulator.seed.SeedReport;
import io.mirrormaestro.gitlab.simulator.tokens.AccessTokensApi;
import io.mirrormaestro.gitlab.simulator.tokens.TokenService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * One simulated GitLab listening on 127.0.0.1. The Java methods here change state directly (no
 * token needed); HTTP clients see the same state through /api/v4 and the admin API under /-/sim.
 */
public final class SimulatedInstance {
    /** Latency is simulated by sleeping in handler threads, so the pool must be generous. */
    static final int HANDLER_THREADS = 200;

    static {
        // without TCP_NODELAY the JDK server's small writes meet delayed ACKs: ~40 ms per request
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final InstanceOptions options;
    private final InstanceState state;
    private final FaultState faultState;
    private final Faults faults;
    private final RequestLog requestLog = new RequestLog();
    private final TokenService tokens;
    private final MirrorEngine engine;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final ToIntFunction<String> portByName;

    SimulatedInstance(
            InstanceOptions options,
            long idBase,
            ScheduledExecutorService scheduler,
            RemoteDirectory directory,
            ToIntFunction<String> portByName) {
        this.options = options;
        this.portByName = portByName;
        this.state = new InstanceState(options.name(), options.version(), options.premium(), idBase);
        state.setAllowLocalRequests(options.localRequestsAllowed());
        this.faultState = new FaultState(new RateLimiter(state.clock));
        this.faults = new Faults(faultState);
        this.tokens = new TokenService(state);
        this.engine = new MirrorEngine(state, faultState, scheduler, directory);

        Entities entities = new Entities(state);
        Finders finders = new Finders(state);
        Router router = new Router();
        new MetaApi(state, entities, tokens).register(router);
        ProjectsApi projects = new ProjectsApi(state, entities, finders, engine);
        projects.register(router);
        new GroupsApi(state, entities, finders, projects).register(router);
        new PushMirrorsApi(state, entities, finders, engine).register(router);
        new PullMirrorsApi(state, entities, finders, engine).register(router);
        new AccessTokensApi(state, entities, finders, tokens).register(router);

        try {
            this.server =
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + options.port(), e);
        }
        state.setPort(server.getAddress().getPort());
        this.executor = new ThreadPoolExecutor(
                HANDLER_THREADS,
                HANDLER_THREADS,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                daemonThreads("gitlab-sim-" + options.name()));
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        server.createContext(
                "/",
                new ApiServer(state, router, new Authenticator(state), faultState, requestLog, new AdminApi(this)));
        server.start();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    void tick() {
        engine.tick();
    }

    // ---- identity

    public String name() {
        return options.name();
    }

    public int port() {
        return state.port();
    }

    /** http://127.0.0.1:PORT without trailing slash and without /api/v4. */
    public URI baseUrl() {
        return URI.create(state.baseUrl());
    }

    public InstanceOptions options() {
        return new InstanceOptions(
                options.name(), port(), state.version().text(), state.premium(), state.allowLocalRequests());
    }

    /** Changes what /version reports and which version-dependent routes exist. */
    public void setVersion(String version) {
        state.setVersion(version);
    }

    public void setPremium(boolean premium) {
        state.setPremium(premium);
    }

    /**
     * The admin setting allow_local_requests_from_web_hooks_and_services (also {@code PUT /application/settings}).
     * Off, mirror and import URLs on loopback or private networks are refused as GitLab refuses them.
     */
    public void setLocalRequestsAllowed(boolean allowed) {
        state.setAllowLocalRequests(allowed);
    }

    public boolean localRequestsAllowed() {
        return state.allowLocalRequests();
    }

    /** outbound_local_requests_whitelist: "127.0.0.1:8080", "10.0.0.0/8", "gitlab.internal", "[::1]:8080". */
    public void setLocalRequestsAllowlist(List<String> entries) {
        state.setLocalRequestsAllowlist(entries);
    }

    // ---- users, groups, projects

    public SimUser createUser(String username, boolean admin) {
        return toSim(state.createUser(username, null, null, admin));
    }

    public SimUser createUser(String username, String name, String email, boolean admin) {
        return toSim(state.createUser(username, name, email, admin));
    }

    public Optional<SimUser> user(String username) {
        return Optional.ofNullable(state.userByUsername(username)).map(SimulatedInstance::toSim);
    }

    public SimGroup createGroup(String fullPath) {
        GroupRec g = state.ensureGroup(fullPath);
        return new SimGroup(g.id, g.fullPath);
    }

    public Optional<SimGroup> group(String fullPath) {
        return Optional.ofNullable(state.groupByPath(fullPath)).map(g -> new SimGroup(g.id, g.fullPath));
    }

    public SimProject createProject(String pathWithNamespace) {
        ProjectRec p = state.createProject(pathWithNamespace);
        return new SimProject(p.id, p.pathWithNamespace);
    }

    /**
     * Creates a project with a given id, as test set-up that re-creates a GitLab as it was (ids recorded elsewhere,
     * e.g. in a backup); the id must be free. Ids of other instances are not checked.
     */
    public SimProject createProject(String pathWithNamespace, long id) {
        ProjectRec p = state.createProject(pathWithNamespace, id);
        return new SimProject(p.id, p.pathWithNamespace);
    }

    public Optional<SimProject> project(String pathWithNamespace) {
        return Optional.ofNullable(state.projectByPath(pathWithNamespace))
                .map(p -> new SimProject(p.id, p.pathWithNamespace));
    }

    public int projectCount() {
        return state.projects.size();
    }

    public int groupCount() {
        return state.groups.size();
    }

    /** "private", "internal" or "public". */
    public void setVisibility(SimProject project, String visibility) {
        project(project).visibility = Visibility.parse(visibility);
    }

    public void setVisibility(SimGroup group, String visibility) {
        group(group).visibility = Visibility.parse(visibility);
    }

    public void setArchived(SimProject project, boolean archived) {
        project(project).archived = archived;
    }

    public void addMember(SimGroup group, SimUser user, int accessLevel) {
        requireLevel(accessLevel);
        group(group).members.put(user(user).id, accessLevel);
    }

    public void addMember(SimProject project, SimUser user, int accessLevel) {
        requireLevel(accessLevel);
        project(project).members.put(user(user).id, accessLevel);
    }

    // ---- tokens

    /** Returns the token value ("glpat-" + 20 random characters); a null expiry never expires. */
    public String createPersonalAccessToken(SimUser user, String name, Set<String> scopes, LocalDate expiresAt) {
        return createPersonalAccessToken(user, name, scopes, expiresAt, null);
    }

    /** Same, with a value chosen by the caller (null generates one). */
    public String createPersonalAccessToken(
            SimUser user, String name, Set<String> scopes, LocalDate expiresAt, String value) {
        return tokens.createPersonal(user(user), name, List.copyOf(scopes), expiresAt, value).value;
    }

    public String createGroupAccessToken(
            SimGroup group, String name, Set<String> scopes, int accessLevel, LocalDate expiresAt) {
        return createGroupAccessToken(group, name, scopes, accessLevel, expiresAt, null);
    }

    public String createGroupAccessToken(
            SimGroup group, String name, Set<String> scopes, int accessLevel, LocalDate expiresAt, String value) {
        requireLevel(accessLevel);
        return tokens.createGroupToken(group(group), name, null, List.copyOf(scopes), accessLevel, expiresAt, value)
                .value;
    }

    public String createProjectAccessToken(
            SimProject project, String name, Set<String> scopes, int accessLevel, LocalDate expiresAt) {
        return createProjectAccessToken(project, name, scopes, accessLevel, expiresAt, null);
    }

    public String createProjectAccessToken(
            SimProject project, String name, Set<String> scopes, int accessLevel, LocalDate expiresAt, String value) {
        requireLevel(accessLevel);
        return tokens.createProjectToken(
                        project(project), name, null, List.copyOf(scopes), accessLevel, expiresAt, value)
                .value;
    }

    public void revokeToken(String tokenValue) {
        TokenRec token = state.tokenByValue(tokenValue);
        if (token == null) {
            throw new IllegalArgumentException("unknown token");
        }
        tokens.revoke(token);
    }

    /** What GitLab knows about a token; empty for values it never issued. */
    public Optional<TokenInfo> tokenInfo(String tokenValue) {
        TokenRec t = state.tokenByValue(tokenValue);
        if (t == null) {
            return Optional.empty();
        }
        return Optional.of(new TokenInfo(
                t.id,
                t.name,
                t.kind.name().toLowerCase(),
                t.user.username,
                t.scopes,
                t.expiresAt,
                t.revoked,
                t.active(state.clock.today()),
                t.lastUsedAt));
    }

    // ---- mirrors

    /**
     * Creates a push mirror directly, as test set-up: none of the API's validations (local URLs, limits) apply.
     * Returns its id.
     */
    public long createPushMirror(SimProject project, String url, boolean enabled) {
        return createPushMirror(project, url, enabled, null);
    }

    /** As {@link #createPushMirror(SimProject, String, boolean)}, with a given id when {@code id} is not null. */
    public long createPushMirror(SimProject project, String url, boolean enabled, Long id) {
        MirrorUrl parsed = MirrorUrl.parse(url);
        if (parsed == null) {
            throw new IllegalArgumentException("not a mirror URL: " + url);
        }
        PushMirrorRec mirror = state.addPushMirror(project(project), parsed, id);
        mirror.enabled = enabled;
        return mirror.id;
    }

    /**
     * Configures pull mirroring directly (credentials inside the URL), as test set-up without the API's validations,
     * and starts the first update.
     */
    public void configurePullMirror(SimProject project, String url, boolean enabled) {
        MirrorUrl parsed = MirrorUrl.parse(url);
        if (parsed == null) {
            throw new IllegalArgumentException("not a mirror URL: " + url);
        }
        ProjectRec p = project(project);
        synchronized (state.lock) {
            p.pull.url = parsed;
            p.pull.mirror = enabled;
        }
        if (enabled) {
            engine.startPull(p);
        }
    }

    public List<MirrorView> pushMirrors(String pathWithNamespace) {
        List<MirrorView> out = new ArrayList<>();
        for (PushMirrorRec m : projectRec(pathWithNamespace).pushMirrors) {
            out.add(view(m.id, m.url.masked(Set.of("git")), m.enabled, m));
        }
        return out;
    }

    public Optional<MirrorView> pullMirror(String pathWithNamespace) {
        ProjectRec p = projectRec(pathWithNamespace);
        if (p.pull.url == null) {
            return Optional.empty();
        }
        return Optional.of(view(p.pull.importStateId, p.pull.url.masked(), p.pull.mirror, p.pull));
    }

    /** Mirror data that arrived at this project (pushed here by another mirror, or pulled). */
    public List<ReceivedMirrorUpdate> receivedMirrorUpdates(String pathWithNamespace) {
        return List.copyOf(projectRec(pathWithNamespace).receivedUpdates);
    }

    private static MirrorView view(long id, String url, boolean enabled, MirrorStatus s) {
        return new MirrorView(
                id,
                url,
                enabled,
                s.updateStatus,
                s.lastError,
                s.lastUpdateAt,
                s.lastUpdateStartedAt,
                s.lastSuccessfulUpdateAt);
    }

    // ---- knobs, log, state

    public Faults faults() {
        return faults;
    }

    /** Moves this instance's clock forward (token expiry, mirror backoff, pull interval). */
    public void advanceClock(Duration by) {
        state.clock.advance(by);
        engine.tick();
    }

    public Instant now() {
        return state.now();
    }

    public List<RequestLogEntry> requestLog() {
        return requestLog.publicEntries();
    }

    public void clearRequestLog() {
        requestLog.clear();
    }

    /** The full state as JSON; token values are only included when asked for. */
    public String stateDump(boolean includeSecrets) {
        return Json.pretty(StateDump.build(state, faultState, includeSecrets));
    }

    public String stateDump() {
        return stateDump(false);
    }

    // ---- seeding

    public void seed(Path jsonFile) {
        try (InputStream in = Files.newInputStream(jsonFile)) {
            seed(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void seed(InputStream json) {
        seedWithReport(json);
    }

    /** Like {@link #seed(InputStream)} but tells which token values were generated. */
    public SeedReport seedWithReport(InputStream json) {
        return new SeedLoader(this, portByName).load(Json.readMap(json));
    }

    /** Groups nested up to four levels deep, each holding {@code projectsPerGroup} projects. */
    public void generateEstate(int groups, int projectsPerGroup, long randomSeed) {
        new EstateGenerator(state).generate(groups, projectsPerGroup, randomSeed);
    }

    // ---- internal access for the admin API and seed loader

    /** Internal: not part of the supported API. */
    public InstanceState internalState() {
        return state;
    }

    /** Internal: not part of the supported API. */
    public FaultState internalFaults() {
        return faultState;
    }

    /** Internal: not part of the supported API. */
    public RequestLog internalRequestLog() {
        return requestLog;
    }

    private static SimUser toSim(UserRec u) {
        return new SimUser(u.id, u.username, u.admin);
    }

    private UserRec user(SimUser user) {
        UserRec rec = state.users.get(Objects.requireNonNull(user, "user").id());
        if (rec == null) {
            throw new IllegalArgumentException("user not on instance " + name() + ": " + user.username());
        }
        return rec;
    }

    private GroupRec group(SimGroup group) {
        GroupRec rec = state.groups.get(Objects.requireNonNull(group, "group").id());
        if (rec == null) {
            throw new IllegalArgumentException("group not on instance " + name() + ": " + group.fullPath());
        }
        return rec;
    }

    private ProjectRec project(SimProject project) {
        ProjectRec rec =
                state.projects.get(Objects.requireNonNull(project, "project").id());
        if (rec == null) {
            throw new IllegalArgumentException(
                    "project not on instance " + name() + ": " + project.pathWithNamespace());
        }
        return rec;
    }

    private ProjectRec projectRec(String pathWithNamespace) {
        ProjectRec p = state.projectByPath(pathWithNamespace);
        if (p == null) {
            throw new IllegalArgumentException("no project " + pathWithNamespace + " on " + name());
        }
        return p;
    }

    private static void requireLevel(int accessLevel) {
        if (!AccessLevel.isValid(accessLevel)) {
            throw new IllegalArgumentException("not a GitLab access level: " + accessLevel);
        }
    }

    /** Snapshot of a push mirror or a pull mirror's import state. */
    public record MirrorView(
            long id,
            String url,
            boolean enabled,
            String updateStatus,
            String lastError,
            Instant lastUpdateAt,
            Instant lastUpdateStartedAt,
            Instant lastSuccessfulUpdateAt) {}

    /** Snapshot of a token (never its value). */
    public record TokenInfo(
            long id,
            String name,
            String kind,
            String username,
            List<String> scopes,
            LocalDate expiresAt,
            boolean revoked,
            boolean active,
            Instant lastUsedAt) {}
}
