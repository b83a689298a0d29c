package io.mirrormaestro.worker.gitlab;

import io.mirrormaestro.common.gitlab.PullMirror;
import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.worker.WorkerSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.SingleRuntimeApiClient;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.api.models.User;
import org.gitlab4j.api.models.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every GitLab call mirror handling makes to one instance, with one token. Calls pass the instance's concurrency
 * limit and rate limiter, and hold back while GitLab throttles the token. Failures are {@link GitLabApiException}s
 * (GitLab's status and message, or a {@link GitLabLimitException} for a call never sent); {@link GitLabFailure#of}
 * tells whether to retry and when.
 *
 * <p>gitlab4j's own calls serve where its models are complete (version, user, project); {@link MirrorEndpoints}
 * fills the gaps for mirrors, its reads being those api-service makes too
 * ({@link io.mirrormaestro.common.gitlab.MirrorReads}).
 */
public final class GitLabGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GitLabGateway.class);

    private final String instance;
    private final GitLabApi api;
    private final InstanceLimits limits;
    private final GitLabThrottle throttle;
    private final MirrorEndpoints mirrors;
    private final Duration maxWait;
    private final AtomicReference<GitLabVersion> knownVersion = new AtomicReference<>();
    private final Object versionLock = new Object();
    private final GitLabMetrics metrics;

    GitLabGateway(
            String instance,
            GitLabApi api,
            InstanceLimits limits,
            Duration maxWait,
            Clock clock,
            GitLabMetrics metrics) {
        this.instance = instance;
        this.metrics = metrics;
        this.api = api;
        this.limits = limits;
        this.maxWait = maxWait;
        this.throttle = new GitLabThrottle(clock);
        this.mirrors = new MirrorEndpoints(api, throttle);
    }

    /** A gateway with its own client; {@code limits} may be shared with the gateway it replaces. */
    static GitLabGateway connect(
            String instance, String url, String token, WorkerSettings.GitLab settings, InstanceLimits limits) {
        return connect(instance, url, token, settings, limits, GitLabMetrics.none());
    }

    static GitLabGateway connect(
            String instance,
            String url,
            String token,
            WorkerSettings.GitLab settings,
            InstanceLimits limits,
            GitLabMetrics metrics) {
        GitLabApi api = SingleRuntimeApiClient.connect(
                url, token, settings.connectTimeout(), settings.readTimeout(), settings.allowPrivateAddresses());
        return new GitLabGateway(instance, api, limits, settings.readTimeout(), Clock.systemUTC(), metrics);
    }

    /** {@code GET /version}, always asked afresh; also remembered for choosing version-dependent endpoints. */
    public GitLabVersion version() throws GitLabApiException {
        Version answer = call("version", api::getVersion);
        GitLabVersion version = new GitLabVersion(answer.getVersion(), answer.getRevision());
        knownVersion.set(version);
        return version;
    }

    /** {@code GET /user}: who the token acts as. */
    public GitLabUser currentUser() throws GitLabApiException {
        User user = call("current_user", () -> api.getUserApi().getCurrentUser());
        return new GitLabUser(
                user.getId(),
                user.getUsername(),
                user.getName(),
                Boolean.TRUE.equals(user.getIsAdmin()),
                Boolean.TRUE.equals(user.getBot()));
    }

    /** {@code GET /projects/:id}, by id or URL-encoded full path. */
    public GitLabProject project(ProjectRef project) throws GitLabApiException {
        Project p = call("project", () -> api.getProjectApi().getProject(project.idOrPath()));
        return new GitLabProject(
                p.getId(),
                p.getName(),
                p.getPathWithNamespace(),
                p.getHttpUrlToRepo(),
                p.getDefaultBranch(),
                Boolean.TRUE.equals(p.getArchived()));
    }

    /** A page of a group's projects and the number of the next one (0 after the last). */
    public record ProjectsPage(List<GitLabProject> projects, int next) {}

    /**
     * {@code GET /groups/:id/projects}, one page of 100 (each page is one request under the instance's limits): a
     * group's projects resolved a hundred at a time instead of one {@code GET /projects/:id} each.
     */
    public ProjectsPage groupProjects(String groupPath, int page) throws GitLabApiException {
        return call("group_projects", () -> mirrors.groupProjects(groupPath, page));
    }

    /** All push mirrors of a project, every page. */
    public List<PushMirror> pushMirrors(ProjectRef project) throws GitLabApiException {
        return call("push_mirrors", () -> mirrors.pushMirrors(project.idOrPath()));
    }

    public PushMirror pushMirror(ProjectRef project, long mirrorId) throws GitLabApiException {
        return call("push_mirror", () -> mirrors.pushMirror(project.idOrPath(), mirrorId));
    }

    /** Creates a push mirror, always saying whether it is enabled (GitLab's default would be disabled). */
    public PushMirror createPushMirror(ProjectRef project, NewPushMirror mirror) throws GitLabApiException {
        return call("create_push_mirror", () -> mirrors.createPushMirror(project, mirror));
    }

    public PushMirror updatePushMirror(ProjectRef project, long mirrorId, PushMirrorChanges changes)
            throws GitLabApiException {
        return call("update_push_mirror", () -> mirrors.updatePushMirror(project, mirrorId, changes));
    }

    /** {@link MirrorDeletion#ALREADY_GONE} when GitLab no longer knows the mirror. */
    public MirrorDeletion deletePushMirror(ProjectRef project, long mirrorId) throws GitLabApiException {
        return call("delete_push_mirror", () -> mirrors.deletePushMirror(project, mirrorId));
    }

    /** Asks GitLab to push now (queued if inside GitLab's backoff window). */
    public void syncPushMirror(ProjectRef project, long mirrorId) throws GitLabApiException {
        call("sync_push_mirror", () -> {
            mirrors.syncPushMirror(project, mirrorId);
            return null;
        });
    }

    /** Empty when the project does not pull from anywhere. */
    public Optional<PullMirror> pullMirror(ProjectRef project) throws GitLabApiException {
        return call("pull_mirror", () -> mirrors.pullMirror(project.idOrPath()));
    }

    /**
     * Enables and configures pull mirroring, with the endpoint this GitLab's version calls for: GitLab 17.6 added
     * {@code PUT /projects/:id/mirror/pull} and deprecated the project attributes used before.
     */
    public void configurePullMirror(ProjectRef project, PullMirrorSettings settings) throws GitLabApiException {
        boolean inPlace = hasPullMirrorEndpoint();
        call(inPlace ? "configure_pull_mirror" : "configure_pull_mirror_legacy", () -> {
            if (inPlace) {
                mirrors.configurePullMirror(project, settings);
            } else {
                mirrors.configureLegacyPullMirror(project, settings);
            }
            return null;
        });
    }

    public void disablePullMirror(ProjectRef project) throws GitLabApiException {
        boolean inPlace = hasPullMirrorEndpoint();
        call(inPlace ? "disable_pull_mirror" : "disable_pull_mirror_legacy", () -> {
            if (inPlace) {
                mirrors.disablePullMirror(project);
            } else {
                mirrors.disableLegacyPullMirror(project);
            }
            return null;
        });
    }

    /**
     * Asks GitLab to pull now (rescheduled if inside the pull interval). A mirror that failed 14 times in a row is
     * paused: GitLab answers 403 "Mirroring for the project is on pause", which is final.
     */
    public void triggerPullMirror(ProjectRef project) throws GitLabApiException {
        call("trigger_pull_mirror", () -> {
            mirrors.triggerPullMirror(project);
            return null;
        });
    }

    @Override
    public void close() {
        api.close();
    }

    InstanceLimits limits() {
        return limits;
    }

    /** The version is asked once per gateway (not tried and fallen back on): a gateway lives as long as its token. */
    private boolean hasPullMirrorEndpoint() throws GitLabApiException {
        GitLabVersion version = knownVersion.get();
        if (version == null) {
            synchronized (versionLock) {
                version = knownVersion.get();
                if (version == null) {
                    version = version();
                }
            }
        }
        return version.atLeast(17, 6);
    }

    private <T> T call(String endpoint, InstanceLimits.GitLabCall<T> call) throws GitLabApiException {
        CutOff.check();
        long queued = System.nanoTime();
        try {
            throttle.holdBack(instance, maxWait);
        } catch (GitLabLimitException e) {
            metrics.waited(instance, System.nanoTime() - queued);
            metrics.request(instance, endpoint, "none", 0);
            throw e;
        }
        return limits.run(() -> {
            CutOff.check(); // waiting for permits may have outlasted the worker's shutdown
            long start = System.nanoTime();
            metrics.waited(instance, start - queued);
            try {
                T answer = call.call();
                metrics.request(instance, endpoint, "2xx", System.nanoTime() - start);
                return answer;
            } catch (GitLabApiException e) {
                metrics.request(
                        instance,
                        endpoint,
                        e.getHttpStatus() > 0 ? String.valueOf(e.getHttpStatus()) : "none",
                        System.nanoTime() - start);
                throttle.observe(e.getHttpStatus(), e.getHeaders());
                if (e.getHttpStatus() == 429) {
                    log.warn(
                            "GitLab instance {} throttles this token; holding back {}",
                            instance,
                            throttle.remaining().map(Duration::toString).orElse("(no Retry-After)"));
                }
                throw e;
            }
        });
    }
}
