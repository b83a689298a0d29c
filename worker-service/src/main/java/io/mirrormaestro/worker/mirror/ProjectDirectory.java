package io.mirrormaestro.worker.mirror;

import io.mirrormaestro.worker.gitlab.GitLabGateway;
import io.mirrormaestro.worker.gitlab.GitLabProject;
import io.mirrormaestro.worker.gitlab.ProjectRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.gitlab4j.api.GitLabApiException;
import org.springframework.stereotype.Component;

/**
 * Resolves the project paths of import lines a group at a time. An import names its projects by path, mostly many
 * in the same groups; one {@code GET /groups/:id/projects} page answers a hundred of them where a {@code GET
 * /projects/:id} each took one request per path and instance (two of an imported push mirror's five requests).
 *
 * <p>A group's listing is fetched once for all the lines that ask meanwhile (the first asks, the others wait for its
 * answer), is kept for {@link #KEPT}, and covers at most {@link #MAX_PAGES} pages. A path the listing does not hold
 * (a user's namespace, a group too large to list, a project created since, a path in another letter case than GitLab
 * knows it by) is asked for by itself as before, so the answer is always GitLab's: listed or asked, a project that
 * does not exist is a 404.
 */
@Component
class ProjectDirectory {

    /** How long a group's listing answers for its projects. */
    static final Duration KEPT = Duration.ofSeconds(60);

    /** 500 projects: beyond that a group's listing costs more than the paths an import asks for in it. */
    static final int MAX_PAGES = 5;

    private record Key(String instance, String group) {}

    private record Listing(Instant taken, Map<String, GitLabProject> byPath) {}

    private final Map<Key, CompletableFuture<Listing>> listings = new ConcurrentHashMap<>();
    private final Clock clock;

    ProjectDirectory(Clock clock) {
        this.clock = clock;
    }

    /**
     * The project at {@code path} on the instance {@code gitlab} speaks to, from its group's listing or asked for by
     * itself ({@code GET /projects/:id}, whose 404 reaches the caller).
     */
    GitLabProject project(String instance, GitLabGateway gitlab, String path) throws GitLabApiException {
        int slash = path.lastIndexOf('/');
        if (slash > 0) {
            Optional<GitLabProject> listed = listing(instance, gitlab, path.substring(0, slash))
                    .map(listing -> listing.byPath().get(path.toLowerCase(Locale.ROOT)));
            if (listed.isPresent()) {
                return listed.get();
            }
        }
        return gitlab.project(ProjectRef.of(path));
    }

    private Optional<Listing> listing(String instance, GitLabGateway gitlab, String group) {
        Key key = new Key(instance, group.toLowerCase(Locale.ROOT));
        CompletableFuture<Listing> mine = new CompletableFuture<>();
        CompletableFuture<Listing> current = listings.compute(
                key,
                (k, known) ->
                        known == null || (known.isDone() && (known.isCompletedExceptionally() || stale(known.join())))
                                ? mine
                                : known);
        if (current == mine) {
            try {
                mine.complete(list(gitlab, group));
            } catch (GitLabApiException | RuntimeException e) {
                // not a group, no access, GitLab away: each path is asked for by itself
                mine.completeExceptionally(e);
                listings.remove(key, mine);
            }
        }
        try {
            return Optional.of(current.get());
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Listing list(GitLabGateway gitlab, String group) throws GitLabApiException {
        Map<String, GitLabProject> byPath = new HashMap<>();
        int page = 1;
        for (int pages = 0; page > 0 && pages < MAX_PAGES; pages++) {
            GitLabGateway.ProjectsPage answer = gitlab.groupProjects(group, page);
            for (GitLabProject project : answer.projects()) {
                byPath.put(project.pathWithNamespace().toLowerCase(Locale.ROOT), project);
            }
            page = answer.next();
        }
        return new Listing(clock.instant(), byPath);
    }

    private boolean stale(Listing listing) {
        return listing.taken().plus(KEPT).isBefore(clock.instant());
    }
}
