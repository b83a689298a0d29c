package io.mirrormaestro.gitlab.simulator.model;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything one simulated GitLab knows. Reads go straight to the concurrent maps; every mutation
 * that touches more than one field happens while holding {@link #lock}.
 */
public final class InstanceState {
    private static final String TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    public final Object lock = new Object();
    public final String name;
    public final SimClock clock = new SimClock();
    private volatile GitLabVersion version;
    private volatile boolean premium;
    private volatile int port;
    /**
     * The admin setting "Allow requests to the local network from webhooks and integrations"
     * (allow_local_requests_from_web_hooks_and_services, doc/security/webhooks.md): off by default, as in GitLab, so
     * mirror and import URLs on loopback or private networks are refused.
     */
    private volatile boolean allowLocalRequests;
    /** outbound_local_requests_whitelist: hosts, IPs and CIDR ranges (optionally ":port") allowed anyway. */
    private volatile List<String> localRequestsAllowlist = List.of();

    private final AtomicLong userSeq;
    private final AtomicLong groupSeq;
    private final AtomicLong projectSeq;
    private final AtomicLong tokenSeq;
    private final AtomicLong mirrorSeq;
    private final AtomicLong importStateSeq;

    public final NavigableMap<Long, UserRec> users = new ConcurrentSkipListMap<>();
    private final Map<String, UserRec> usersByName = new ConcurrentHashMap<>();
    public final NavigableMap<Long, GroupRec> groups = new ConcurrentSkipListMap<>();
    private final Map<String, GroupRec> groupsByPath = new ConcurrentHashMap<>();
    public final NavigableMap<Long, ProjectRec> projects = new ConcurrentSkipListMap<>();
    private final Map<String, ProjectRec> projectsByPath = new ConcurrentHashMap<>();
    public final NavigableMap<Long, TokenRec> tokens = new ConcurrentSkipListMap<>();
    private final Map<String, TokenRec> tokensByValue = new ConcurrentHashMap<>();
    public final Map<Long, PushMirrorRec> pushMirrors = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param idBase offsets every id sequence so that ids of different instances do not collide,
     *     which catches products that use a source id on the target.
     */
    public InstanceState(String name, String version, boolean premium, long idBase) {
        this.name = name;
        this.version = GitLabVersion.parse(version);
        this.premium = premium;
        this.userSeq = new AtomicLong(idBase);
        this.groupSeq = new AtomicLong(idBase + 100);
        this.projectSeq = new AtomicLong(idBase + 1000);
        this.tokenSeq = new AtomicLong(idBase);
        this.mirrorSeq = new AtomicLong(idBase + 5000);
        this.importStateSeq = new AtomicLong(idBase + 7000);
    }

    public GitLabVersion version() {
        return version;
    }

    public void setVersion(String text) {
        this.version = GitLabVersion.parse(text);
    }

    public boolean premium() {
        return premium;
    }

    public void setPremium(boolean premium) {
        this.premium = premium;
    }

    public int port() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public boolean allowLocalRequests() {
        return allowLocalRequests;
    }

    public void setAllowLocalRequests(boolean allow) {
        this.allowLocalRequests = allow;
    }

    public List<String> localRequestsAllowlist() {
        return localRequestsAllowlist;
    }

    public void setLocalRequestsAllowlist(List<String> entries) {
        this.localRequestsAllowlist = entries == null ? List.of() : List.copyOf(entries);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    // ---- users

    public UserRec createUser(String username, String name, String email, boolean admin) {
        synchronized (lock) {
            String key = username.toLowerCase(Locale.ROOT);
            if (usersByName.containsKey(key)) {
                throw new IllegalArgumentException("user already exists: " + username);
            }
            UserRec user = new UserRec(
                    userSeq.incrementAndGet(),
                    username,
                    name == null ? username : name,
                    email == null ? username + "@example.com" : email,
                    admin,
                    false,
                    clock.now(),
                    null,
                    0);
            users.put(user.id, user);
            usersByName.put(key, user);
            return user;
        }
    }

    /** GitLab creates one bot user per group/project access token. */
    public UserRec createBot(String resourceType, long resourceId, String tokenName) {
        synchronized (lock) {
            String username =
                    resourceType + "_" + resourceId + "_bot_" + HexFormat.of().formatHex(randomBytes(16));
            UserRec bot = new UserRec(
                    userSeq.incrementAndGet(),
                    username,
                    tokenName,
                    username + "@noreply.127.0.0.1",
                    false,
                    true,
                    clock.now(),
                    resourceType,
                    resourceId);
            users.put(bot.id, bot);
            usersByName.put(username.toLowerCase(Locale.ROOT), bot);
            return bot;
        }
    }

    public UserRec userByUsername(String username) {
        return username == null ? null : usersByName.get(username.toLowerCase(Locale.ROOT));
    }

    // ---- groups and projects

    /** Creates the group and any missing ancestors. */
    public GroupRec ensureGroup(String fullPath) {
        String clean = trimSlashes(fullPath);
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("empty group path");
        }
        synchronized (lock) {
            GroupRec existing = groupsByPath.get(clean.toLowerCase(Locale.ROOT));
            if (existing != null) {
                return existing;
            }
            int slash = clean.lastIndexOf('/');
            GroupRec parent = slash < 0 ? null : ensureGroup(clean.substring(0, slash));
            String path = clean.substring(slash + 1);
            if (projectsByPath.containsKey(clean.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("a project already uses the path " + clean);
            }
            GroupRec group = new GroupRec(groupSeq.incrementAndGet(), path, parent, clock.now());
            groups.put(group.id, group);
            groupsByPath.put(group.fullPath.toLowerCase(Locale.ROOT), group);
            if (parent != null) {
                parent.children.add(group);
            }
            return group;
        }
    }

    public ProjectRec createProject(String pathWithNamespace) {
        return createProject(pathWithNamespace, null);
    }

    /** With {@code id} null the next id; else that id (test set-up re-creating a GitLab as it was), if free. */
    public ProjectRec createProject(String pathWithNamespace, Long id) {
        String clean = trimSlashes(pathWithNamespace);
        int slash = clean.lastIndexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("a project needs a group namespace: " + pathWithNamespace);
        }
        synchronized (lock) {
            String key = clean.toLowerCase(Locale.ROOT);
            if (projectsByPath.containsKey(key) || groupsByPath.containsKey(key)) {
                throw new IllegalArgumentException("path already taken: " + clean);
            }
            if (id != null && projects.containsKey(id)) {
                throw new IllegalArgumentException("project id already taken: " + id);
            }
            if (id != null && projectSeq.get() < id) {
                projectSeq.set(id); // projects created later never collide with it
            }
            GroupRec namespace = ensureGroup(clean.substring(0, slash));
            ProjectRec project = new ProjectRec(
                    id != null ? id : projectSeq.incrementAndGet(),
                    clean.substring(slash + 1),
                    namespace,
                    clock.now(),
                    importStateSeq.incrementAndGet());
            projects.put(project.id, project);
            projectsByPath.put(key, project);
            namespace.projects.add(project);
            return project;
        }
    }

    public GroupRec groupByPath(String fullPath) {
        return fullPath == null ? null : groupsByPath.get(trimSlashes(fullPath).toLowerCase(Locale.ROOT));
    }

    public ProjectRec projectByPath(String pathWithNamespace) {
        return pathWithNamespace == null
                ? null
                : projectsByPath.get(trimSlashes(pathWithNamespace).toLowerCase(Locale.ROOT));
    }

    /** GitLab's find_group!/find_project!: numeric id, otherwise the (decoded) full path. */
    public GroupRec groupByIdOrPath(String idOrPath) {
        if (isNumeric(idOrPath)) {
            GroupRec byId = groups.get(Long.parseLong(idOrPath));
            if (byId != null) {
                return byId;
            }
        }
        return groupByPath(idOrPath);
    }

    public ProjectRec projectByIdOrPath(String idOrPath) {
        if (isNumeric(idOrPath)) {
            ProjectRec byId = projects.get(Long.parseLong(idOrPath));
            if (byId != null) {
                return byId;
            }
        }
        return projectByPath(idOrPath);
    }

    // ---- tokens

    public TokenRec createToken(
            TokenKind kind,
            UserRec user,
            long resourceId,
            String name,
            String description,
            List<String> scopes,
            LocalDate expiresAt,
            String explicitValue,
            long previousId) {
        synchronized (lock) {
            String value = explicitValue == null ? newTokenValue() : explicitValue;
            if (tokensByValue.containsKey(value)) {
                throw new IllegalArgumentException("token value already in use");
            }
            TokenRec token = new TokenRec(
                    tokenSeq.incrementAndGet(),
                    name,
                    description,
                    value,
                    user,
                    kind,
                    resourceId,
                    scopes,
                    clock.now(),
                    expiresAt,
                    previousId);
            tokens.put(token.id, token);
            tokensByValue.put(value, token);
            return token;
        }
    }

    public TokenRec tokenByValue(String value) {
        return value == null ? null : tokensByValue.get(value);
    }

    public List<TokenRec> tokensOfResource(TokenKind kind, long resourceId) {
        List<TokenRec> out = new ArrayList<>();
        for (TokenRec t : tokens.values()) {
            if (t.kind == kind && t.resourceId == resourceId) {
                out.add(t);
            }
        }
        return out;
    }

    private String newTokenValue() {
        StringBuilder sb = new StringBuilder("glpat-");
        for (int i = 0; i < 20; i++) {
            sb.append(TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length())));
        }
        return sb.toString();
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    // ---- mirrors

    public PushMirrorRec addPushMirror(ProjectRec project, MirrorUrl url) {
        return addPushMirror(project, url, null);
    }

    /** With {@code id} null the next id; else that id (test set-up re-creating a GitLab as it was), if free. */
    public PushMirrorRec addPushMirror(ProjectRec project, MirrorUrl url, Long id) {
        synchronized (lock) {
            if (id != null && pushMirrors.containsKey(id)) {
                throw new IllegalArgumentException("push mirror id already taken: " + id);
            }
            if (id != null && mirrorSeq.get() < id) {
                mirrorSeq.set(id); // mirrors created later never collide with it
            }
            PushMirrorRec mirror =
                    new PushMirrorRec(id != null ? id : mirrorSeq.incrementAndGet(), project, url, clock.now());
            pushMirrors.put(mirror.id, mirror);
            project.pushMirrors.add(mirror);
            return mirror;
        }
    }

    public void removePushMirror(PushMirrorRec mirror) {
        synchronized (lock) {
            pushMirrors.remove(mirror.id);
            mirror.project.pushMirrors.remove(mirror);
        }
    }

    // ---- permissions

    /** Highest role from project membership or any ancestor group; admins count as owners. */
    public int accessLevel(UserRec user, ProjectRec project) {
        if (user == null) {
            return AccessLevel.NONE;
        }
        if (user.admin) {
            return AccessLevel.OWNER;
        }
        int level = project.members.getOrDefault(user.id, AccessLevel.NONE);
        return Math.max(level, accessLevel(user, project.namespace));
    }

    /** Real membership (direct or inherited), ignoring the admin bypass; for membership filters. */
    public int memberLevel(UserRec user, ProjectRec project) {
        if (user == null) {
            return AccessLevel.NONE;
        }
        int level = project.members.getOrDefault(user.id, AccessLevel.NONE);
        for (GroupRec g = project.namespace; g != null; g = g.parent) {
            level = Math.max(level, g.members.getOrDefault(user.id, AccessLevel.NONE));
        }
        return level;
    }

    public int memberLevel(UserRec user, GroupRec group) {
        if (user == null) {
            return AccessLevel.NONE;
        }
        int level = AccessLevel.NONE;
        for (GroupRec g = group; g != null; g = g.parent) {
            level = Math.max(level, g.members.getOrDefault(user.id, AccessLevel.NONE));
        }
        return level;
    }

    public int accessLevel(UserRec user, GroupRec group) {
        if (user == null) {
            return AccessLevel.NONE;
        }
        if (user.admin) {
            return AccessLevel.OWNER;
        }
        int level = AccessLevel.NONE;
        for (GroupRec g = group; g != null; g = g.parent) {
            level = Math.max(level, g.members.getOrDefault(user.id, AccessLevel.NONE));
        }
        return level;
    }

    public boolean canRead(UserRec user, ProjectRec project) {
        return switch (project.visibility) {
            case PUBLIC -> true;
            case INTERNAL -> user != null;
            case PRIVATE -> accessLevel(user, project) >= AccessLevel.GUEST;
        };
    }

    /** Members of a subgroup or of a project inside it can see the (private) ancestors too. */
    public boolean canRead(UserRec user, GroupRec group) {
        if (group.visibility == Visibility.PUBLIC || (group.visibility == Visibility.INTERNAL && user != null)) {
            return true;
        }
        if (user == null) {
            return false;
        }
        if (accessLevel(user, group) >= AccessLevel.GUEST) {
            return true;
        }
        List<GroupRec> below = new ArrayList<>();
        below.add(group);
        group.collectDescendants(below);
        for (GroupRec g : below) {
            if (g.members.containsKey(user.id)) {
                return true;
            }
            for (ProjectRec p : g.projects) {
                if (p.members.containsKey(user.id)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Can this user (through token abilities handled by the caller) read the code of the project? */
    public boolean canDownloadCode(UserRec user, ProjectRec project) {
        return switch (project.visibility) {
            case PUBLIC -> true;
            case INTERNAL -> user != null;
            case PRIVATE -> accessLevel(user, project) >= AccessLevel.REPORTER;
        };
    }

    public static boolean isNumeric(String s) {
        if (s == null || s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String trimSlashes(String s) {
        String out = s == null ? "" : s.trim();
        while (out.startsWith("/")) {
            out = out.substring(1);
        }
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    public Instant now() {
        return clock.now();
    }
}
