package io.mirrormaestro.api.gitlab;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.problem.BadRequestException;
import io.mirrormaestro.api.problem.GitLabReadException;
import io.mirrormaestro.common.gitlab.MirrorReads;
import io.mirrormaestro.common.gitlab.MirrorUpdateStatus;
import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.common.net.AddressGuard;
import io.mirrormaestro.common.settings.PullMirroring;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.AbstractApi;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.SingleRuntimeApiClient;
import org.gitlab4j.api.models.Group;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.api.models.User;
import org.gitlab4j.api.models.Version;
import org.springframework.stereotype.Component;

/**
 * The reads api-service makes to GitLab before it saves configuration (is this URL a GitLab, does the token work,
 * what may it do), for the project and group pickers, and for the mirrors a project already has (through
 * {@link MirrorReads}, shared with the workers). Never a mutation: those go through commands.
 */
@Component
public class GitLabProbe {

    private final ApiSettings settings;
    private final java.util.Map<String, GitLabApi> clients = new java.util.concurrent.ConcurrentHashMap<>();

    GitLabProbe(ApiSettings settings) {
        this.settings = settings;
    }

    /** What GitLab says about an instance and the token used to call it. */
    public record InstanceFacts(
            String version,
            String revision,
            String edition,
            long userId,
            String username,
            List<String> scopes,
            LocalDate expiresAt) {}

    /** What GitLab says about a token (group, project or personal) by reading itself. */
    public record TokenFacts(String name, List<String> scopes, LocalDate expiresAt, boolean active) {}

    public record Page<T>(List<T> items, int page, int perPage, Integer nextPage) {}

    public record ProjectSummary(
            long id, String name, String path, String pathWithNamespace, String description, String httpUrlToRepo) {}

    public record GroupSummary(long id, String name, String path, String fullPath, Long parentId) {}

    /**
     * Checks an instance token: it must reach GitLab, be accepted, and carry the {@code api} scope (workers create
     * and change mirrors with it).
     *
     * @throws BadRequestException naming {@code url} or {@code token} with the reason
     */
    public InstanceFacts checkInstance(String url, String token) {
        try (GitLabApi gitlab = client(url, token)) {
            User user = gitlab.getUserApi().getCurrentUser();
            Version version = gitlab.getVersion();
            Optional<TokenFacts> self = readSelf(gitlab);
            List<String> scopes = self.map(TokenFacts::scopes).orElse(List.of());
            if (self.isPresent() && !scopes.contains("api")) {
                throw new BadRequestException(
                        "token", "needs the 'api' scope to manage mirrors; it has " + String.join(", ", scopes));
            }
            String v = version.getVersion();
            String edition = PullMirroring.editionOf(v);
            return new InstanceFacts(
                    v,
                    version.getRevision(),
                    edition,
                    user.getId(),
                    user.getUsername(),
                    scopes,
                    self.map(TokenFacts::expiresAt).orElse(null));
        } catch (GitLabApiException e) {
            throw explain(url, e, e.getHttpStatus() == 401 ? whyUnauthorized(url, token) : reason(e));
        } catch (RuntimeException e) {
            if (e instanceof BadRequestException bad) {
                throw bad;
            }
            throw unreachable(url, e);
        }
    }

    /**
     * Reads GitLab's version within {@code timeout}: the health check's read-only probe of an instance and its token.
     *
     * @throws BadRequestException naming {@code url} (unreachable, no GitLab) or {@code token} (refused) as
     *     {@link #checkInstance} does
     */
    public String version(String url, String token, java.time.Duration timeout) {
        try (GitLabApi gitlab =
                SingleRuntimeApiClient.connect(url, token, timeout, timeout, settings.allowPrivateAddresses())) {
            return gitlab.getVersion().getVersion();
        } catch (GitLabApiException e) {
            throw explain(url, e, reason(e));
        } catch (RuntimeException e) {
            throw unreachable(url, e);
        }
    }

    /**
     * GitLab says why it refused a token in {@code error_description} ("Token is expired", "Token was revoked"), which
     * gitlab4j's exception drops and gitlab4j offers no way to read; ask once more and read the answer raw.
     */
    private String whyUnauthorized(String url, String token) {
        try {
            if (!settings.allowPrivateAddresses()) {
                AddressGuard.require(java.net.URI.create(url).getHost()); // as every other call (no redirects either)
            }
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(settings.gitlabTimeout())
                    .build()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/api/v4/user"))
                                    .header("PRIVATE-TOKEN", token)
                                    .timeout(settings.gitlabTimeout())
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            Map<?, ?> body = io.mirrormaestro.common.kafka.Json.mapper().readValue(answer.body(), Map.class);
            Object description = body.get("error_description");
            Object message = description != null ? description : body.get("message");
            return message == null ? "401 Unauthorized" : String.valueOf(message);
        } catch (java.io.IOException | RuntimeException e) {
            return "401 Unauthorized";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "401 Unauthorized";
        }
    }

    /**
     * Reads a group access token's own record (name, scopes, expiry). Empty when GitLab cannot be reached or is too
     * old to answer; a token GitLab rejects is a 400 naming {@code token}.
     */
    public Optional<TokenFacts> readToken(String instanceUrl, String token) {
        try (GitLabApi gitlab = client(instanceUrl, token)) {
            return readSelf(gitlab);
        } catch (GitLabApiException e) {
            if (e.getHttpStatus() == 401) {
                throw new BadRequestException(
                        "token", "GitLab rejected the token: " + whyUnauthorized(instanceUrl, token));
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public Page<ProjectSummary> projects(String url, String token, String search, int page, int perPage) {
        try {
            GitLabApi gitlab = shared(url, token);
            List<Project> projects = gitlab.getProjectApi().getProjects(blankToNull(search), page, perPage);
            return new Page<>(
                    projects.stream()
                            .map(p -> new ProjectSummary(
                                    p.getId(),
                                    p.getName(),
                                    p.getPath(),
                                    p.getPathWithNamespace(),
                                    p.getDescription(),
                                    p.getHttpUrlToRepo()))
                            .toList(),
                    page,
                    perPage,
                    projects.size() == perPage ? page + 1 : null);
        } catch (GitLabApiException e) {
            throw new GitLabReadException(reason(e), e.getHttpStatus());
        } catch (RuntimeException e) {
            throw new GitLabReadException("GitLab is unreachable: " + rootMessage(e), 0);
        }
    }

    public Page<GroupSummary> groups(String url, String token, String search, int page, int perPage) {
        try {
            GitLabApi gitlab = shared(url, token);
            List<Group> groups = gitlab.getGroupApi().getGroups(blankToNull(search), page, perPage);
            return new Page<>(
                    groups.stream()
                            .map(g -> new GroupSummary(
                                    g.getId(), g.getName(), g.getPath(), g.getFullPath(), g.getParentId()))
                            .toList(),
                    page,
                    perPage,
                    groups.size() == perPage ? page + 1 : null);
        } catch (GitLabApiException e) {
            throw new GitLabReadException(reason(e), e.getHttpStatus());
        } catch (RuntimeException e) {
            throw new GitLabReadException("GitLab is unreachable: " + rootMessage(e), 0);
        }
    }

    /** A mirror that already exists in GitLab on a project, as GitLab shows it (credentials masked). */
    public record ExistingMirror(Long id, String direction, String url, Boolean enabled, String updateStatus) {}

    /**
     * A project by numeric id or full path; empty when GitLab says it does not exist (or the token cannot see it).
     */
    public Optional<ProjectSummary> project(String url, String token, String idOrPath) {
        try {
            GitLabApi gitlab = shared(url, token);
            Object key = idOrPath.chars().allMatch(Character::isDigit) ? Long.valueOf(idOrPath) : idOrPath;
            Project p = gitlab.getProjectApi().getProject(key);
            return Optional.of(new ProjectSummary(
                    p.getId(),
                    p.getName(),
                    p.getPath(),
                    p.getPathWithNamespace(),
                    p.getDescription(),
                    p.getHttpUrlToRepo()));
        } catch (GitLabApiException e) {
            if (e.getHttpStatus() == 404) {
                return Optional.empty();
            }
            throw new GitLabReadException(reason(e), e.getHttpStatus());
        } catch (RuntimeException e) {
            throw new GitLabReadException("GitLab is unreachable: " + rootMessage(e), 0);
        }
    }

    /** The push mirrors GitLab has on a project, every page of them. */
    public List<ExistingMirror> pushMirrors(String url, String token, long projectId) {
        try {
            List<PushMirror> mirrors = new MirrorReads(shared(url, token)).pushMirrors(projectId);
            return mirrors.stream()
                    .map(m -> new ExistingMirror(m.id(), "push", m.url(), m.enabled(), statusOf(m.updateStatus())))
                    .toList();
        } catch (GitLabApiException e) {
            throw new GitLabReadException(reason(e), e.getHttpStatus());
        } catch (RuntimeException e) {
            throw new GitLabReadException("GitLab is unreachable: " + rootMessage(e), 0);
        }
    }

    /**
     * The pull mirror GitLab has configured on a project, if any: none when GitLab says the project is not mirrored,
     * when it cannot answer (403 below Maintainer, 404 on a Free GitLab or one before 15.6), or when it reports a
     * disabled pull mirror without a URL.
     */
    public Optional<ExistingMirror> pullMirror(String url, String token, long projectId) {
        try {
            return new MirrorReads(shared(url, token))
                    .pullMirror(projectId)
                    .filter(p -> !(Boolean.FALSE.equals(p.enabled()) && p.url() == null))
                    .map(p -> new ExistingMirror(p.id(), "pull", p.url(), p.enabled(), statusOf(p.updateStatus())));
        } catch (GitLabApiException e) {
            if (e.getHttpStatus() == 400 || e.getHttpStatus() == 404 || e.getHttpStatus() == 403) {
                return Optional.empty(); // not mirrored, or not a Premium instance
            }
            throw new GitLabReadException(reason(e), e.getHttpStatus());
        } catch (RuntimeException e) {
            throw new GitLabReadException("GitLab is unreachable: " + rootMessage(e), 0);
        }
    }

    private static String statusOf(MirrorUpdateStatus status) {
        return status == null ? null : status.value();
    }

    /**
     * One client per instance URL and stored token for the pickers and mirror checks: a gitlab4j client owns an HTTP
     * connection pool, and building one per call cost more than the call. Token checks use a fresh one instead.
     */
    private GitLabApi shared(String url, String token) {
        return clients.computeIfAbsent(url + "|" + fingerprint(token), key -> client(url, token));
    }

    private static String fingerprint(String token) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private GitLabApi client(String url, String token) {
        return SingleRuntimeApiClient.connect(
                url, token, settings.gitlabTimeout(), settings.gitlabTimeout(), settings.allowPrivateAddresses());
    }

    private static Optional<TokenFacts> readSelf(GitLabApi gitlab) throws GitLabApiException {
        try {
            return Optional.of(new SelfTokenApi(gitlab).read());
        } catch (GitLabApiException e) {
            if (e.getHttpStatus() == 404) {
                return Optional.empty(); // GitLab before 15.5 has no /personal_access_tokens/self
            }
            throw e;
        }
    }

    private static BadRequestException explain(String url, GitLabApiException e, String reason) {
        int status = e.getHttpStatus();
        String lower = reason.toLowerCase(Locale.ROOT);
        if (status == 401 && lower.contains("expired")) {
            return new BadRequestException("token", "the token has expired (GitLab: " + reason + ")");
        }
        if (status == 401 && lower.contains("revoked")) {
            return new BadRequestException("token", "the token was revoked (GitLab: " + reason + ")");
        }
        if (status == 401) {
            return new BadRequestException("token", "GitLab does not accept the token (" + reason + ")");
        }
        if (status == 403) {
            return new BadRequestException("token", "the token's scope is too small to read the API (" + reason + ")");
        }
        if (status == 404) {
            return new BadRequestException("url", "no GitLab API answers at " + url + " (HTTP 404)");
        }
        if (status == 0) {
            return unreachable(url, e);
        }
        return new BadRequestException("url", "GitLab at " + url + " answered HTTP " + status + ": " + reason);
    }

    private static BadRequestException unreachable(String url, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AddressGuard.RefusedAddressException refused) {
                return new BadRequestException("url", "GitLab at " + url + " was not called: " + refused.getMessage());
            }
        }
        return new BadRequestException("url", "GitLab at " + url + " is unreachable: " + rootMessage(e));
    }

    static String reason(GitLabApiException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "HTTP " + e.getHttpStatus() : message;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String simple = t.getClass().getSimpleName();
        return t.getMessage() == null ? simple : simple + " (" + t.getMessage() + ")";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** {@code GET /personal_access_tokens/self}, read loosely: gitlab4j's model rejects scopes it does not know. */
    static final class SelfTokenApi extends AbstractApi {

        SelfTokenApi(GitLabApi gitlab) {
            super(gitlab);
        }

        @SuppressWarnings("unchecked")
        TokenFacts read() throws GitLabApiException {
            Map<String, Object> body = get(
                            jakarta.ws.rs.core.Response.Status.OK, null, "personal_access_tokens", "self")
                    .readEntity(Map.class);
            Object scopes = body.get("scopes");
            Object expires = body.get("expires_at");
            Object active = body.get("active");
            return new TokenFacts(
                    (String) body.get("name"),
                    scopes instanceof List<?> list
                            ? list.stream().map(String::valueOf).toList()
                            : List.of(),
                    expires == null
                            ? null
                            : LocalDate.parse(String.valueOf(expires).substring(0, 10)),
                    active == null || Boolean.TRUE.equals(active));
        }
    }
}
