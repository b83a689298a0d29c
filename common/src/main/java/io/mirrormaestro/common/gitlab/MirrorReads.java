package io.mirrormaestro.common.gitlab;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gitlab4j.api.AbstractApi;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;

/**
 * How both services read a project's mirrors from GitLab, on gitlab4j's own {@link AbstractApi} so the reads share
 * its client, authentication, URL encoding and error handling (a {@link GitLabApiException} carrying GitLab's status
 * and message). gitlab4j 6.2.0 cannot serve: its {@code getRemoteMirrors} reads one page only, its
 * {@code RemoteMirror} model knows neither {@code mirror_branch_regex} nor {@code auth_method}, it has no push-mirror
 * get, and its {@code getPullMirrors} expects a list where GitLab answers a single object.
 *
 * <p>A project is named as gitlab4j names one: its numeric id (a {@link Long}), or its full path, which is
 * URL-encoded. The worker extends this class with the calls that change mirrors.
 */
public class MirrorReads extends AbstractApi {

    /** GitLab's largest page ({@code per_page} above 100 is cut to 100). */
    protected static final int PER_PAGE = 100;

    public MirrorReads(GitLabApi api) {
        super(api);
    }

    /**
     * Every push mirror of a project ({@code GET /projects/:id/remote_mirrors}), page after page. Follows
     * {@code X-Next-Page} rather than any total: GitLab omits totals above 10,000 records.
     */
    public List<PushMirror> pushMirrors(Object projectIdOrPath) throws GitLabApiException {
        Object project = getProjectIdOrPath(projectIdOrPath);
        List<PushMirror> all = new ArrayList<>();
        int page = 1;
        while (true) {
            Response response = get(Response.Status.OK, pageQuery(page), "projects", project, "remote_mirrors");
            int next = nextPage(response, page);
            all.addAll(GitLabJson.readList(response, PushMirror.class));
            if (next == 0) {
                return all;
            }
            page = next;
        }
    }

    /** One push mirror ({@code GET /projects/:id/remote_mirrors/:mirror_id}, GitLab 14.10+). */
    public PushMirror pushMirror(Object projectIdOrPath, long mirrorId) throws GitLabApiException {
        return GitLabJson.read(
                get(
                        Response.Status.OK,
                        null,
                        "projects",
                        getProjectIdOrPath(projectIdOrPath),
                        "remote_mirrors",
                        mirrorId),
                PushMirror.class);
    }

    /**
     * The project's pull mirror ({@code GET /projects/:id/mirror/pull}, Premium, GitLab 15.6+); empty when the
     * project does not pull, which GitLab answers with 400 "The project is not mirrored" (a disabled pull mirror
     * too). Any other refusal stays an error, among them a 404 from a Free GitLab, which has no such endpoint.
     */
    public Optional<PullMirror> pullMirror(Object projectIdOrPath) throws GitLabApiException {
        try {
            return Optional.of(GitLabJson.read(
                    get(Response.Status.OK, null, "projects", getProjectIdOrPath(projectIdOrPath), "mirror", "pull"),
                    PullMirror.class));
        } catch (GitLabApiException e) {
            if (e.getHttpStatus() == 400 && mentions(e, "not mirrored")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code page} and {@code per_page} for page {@code page} of {@link #PER_PAGE}. */
    protected static MultivaluedMap<String, String> pageQuery(int page) {
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        query.add("page", String.valueOf(page));
        query.add("per_page", String.valueOf(PER_PAGE));
        return query;
    }

    /** The page after {@code page} from {@code X-Next-Page}; 0 after the last (GitLab sends it empty then). */
    protected static int nextPage(Response response, int page) {
        String next = response.getHeaderString("X-Next-Page");
        int nextPage = next == null || next.isBlank() ? 0 : Integer.parseInt(next.trim());
        return nextPage > page ? nextPage : 0;
    }

    /** Whether GitLab's message says {@code text} (compared in lower case). */
    protected static boolean mentions(GitLabApiException e, String text) {
        return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains(text);
    }
}
