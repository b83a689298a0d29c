package io.mirrormaestro.gitlab.simulator.mirrors;

import io.mirrormaestro.gitlab.simulator.model.AccessLevel;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.MirrorUrl;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;
import io.mirrormaestro.gitlab.simulator.model.TokenRec;
import io.mirrormaestro.gitlab.simulator.model.UserRec;
import java.util.Locale;
import java.util.Set;

/**
 * Decides what git over HTTPS would do against the simulated instance a mirror URL points to, and
 * phrases failures the way Gitaly reports them in last_error.
 */
final class GitRemote {
    /** Gitlab::Auth abilities: which token scopes may clone or push. */
    private static final Set<String> DOWNLOAD_SCOPES = Set.of("api", "read_api", "read_repository", "write_repository");

    private static final Set<String> PUSH_SCOPES = Set.of("api", "write_repository");
    private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    record Outcome(String error, InstanceState remote, ProjectRec project) {
        boolean ok() {
            return error == null;
        }
    }

    private final RemoteDirectory directory;

    GitRemote(RemoteDirectory directory) {
        this.directory = directory;
    }

    Outcome push(MirrorUrl url) {
        return check(url, true);
    }

    Outcome pull(MirrorUrl url) {
        return check(url, false);
    }

    private Outcome check(MirrorUrl url, boolean push) {
        String shown = url.withoutCredentials();
        if (!url.scheme().startsWith("http")) {
            return fail(
                    push,
                    "Host key verification failed.\nfatal: Could not read from remote repository.\n\n"
                            + "Please make sure you have the correct access rights\nand the repository exists.");
        }
        String host = url.host().toLowerCase(Locale.ROOT);
        if (!LOCAL_HOSTS.contains(host)) {
            return fail(push, "fatal: unable to access '" + shown + "/': Could not resolve host: " + url.host());
        }
        InstanceState remote = directory.byPort(url.port());
        if (remote == null) {
            return fail(
                    push,
                    "fatal: unable to access '" + shown + "/': Failed to connect to " + url.host() + " port "
                            + url.port() + " after 0 ms: Couldn't connect to server");
        }
        ProjectRec project = remote.projectByPath(url.repositoryPath());
        String origin = url.scheme() + "://" + url.hostAndPort();
        if (url.password() == null) {
            boolean anonymousRead = !push && project != null && remote.canDownloadCode(null, project);
            if (anonymousRead) {
                return new Outcome(null, remote, project);
            }
            if (url.user() == null) {
                return fail(push, "fatal: could not read Username for '" + origin + "': terminal prompts disabled");
            }
            return fail(
                    push,
                    "fatal: could not read Password for '" + url.scheme() + "://" + url.user() + "@" + url.hostAndPort()
                            + "': terminal prompts disabled");
        }
        TokenRec token = remote.tokenByValue(url.password());
        boolean tokenUsable = token != null
                && token.active(remote.clock.today())
                && token.hasAnyScope(DOWNLOAD_SCOPES.toArray(String[]::new));
        if (!tokenUsable) {
            return fail(
                    push,
                    "remote: HTTP Basic: Access denied. If a password was provided for Git authentication, the"
                            + " password was incorrect or you're required to use a token instead of a password. If a token"
                            + " was provided, it was either incorrect, expired, or improperly scoped.\nfatal: Authentication"
                            + " failed for '" + shown + "/'");
        }
        UserRec user = token.user;
        // Gitlab::GitAccess#check (lib/gitlab/git_access.rb) checks the token's abilities before the project: a
        // token without write_repository or api cannot push anywhere ("auth_upload")
        if (push && !token.hasAnyScope(PUSH_SCOPES.toArray(String[]::new))) {
            return fail(
                    true,
                    "remote: You are not allowed to upload code.\nfatal: unable to access '" + shown
                            + "/': The requested URL returned error: 403");
        }
        if (project == null || !remote.canRead(user, project)) {
            return fail(
                    push,
                    "remote: The project you were looking for could not be found or you don't have"
                            + " permission to view it.\nfatal: repository '" + shown + "/' not found");
        }
        if (push) {
            // check_push_access!: archived first ("archived"), then the role ("push_code")
            if (project.archived) {
                return fail(
                        true,
                        "remote: You can't push code to an archived project.\nfatal: unable to access '" + shown
                                + "/': The requested URL returned error: 403");
            }
            if (remote.accessLevel(user, project) < AccessLevel.DEVELOPER) {
                return fail(
                        true,
                        "remote: You are not allowed to push code to this project.\nfatal: unable to access '" + shown
                                + "/': The requested URL returned error: 403");
            }
        } else if (!remote.canDownloadCode(user, project)) {
            return fail(
                    false,
                    "remote: You are not allowed to download code from this project.\nfatal: unable to" + " access '"
                            + shown + "/': The requested URL returned error: 403");
        }
        return new Outcome(null, remote, project);
    }

    private static Outcome fail(boolean push, String gitStderr) {
        String message = push
                ? "13:get remote references: create git ls-remote: exit status 128, stderr: \"" + gitStderr + "\"."
                : "13:fetch remote: \"" + gitStderr + "\": exit status 128.";
        return new Outcome(MirrorUrl.sanitizeText(message), null, null);
    }
}
