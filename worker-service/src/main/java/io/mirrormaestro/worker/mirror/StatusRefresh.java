package io.mirrormaestro.worker.mirror;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.VerifyMirror;
import io.mirrormaestro.common.event.GitLabVerdict;
import io.mirrormaestro.common.event.MirrorStatusRefreshed;
import io.mirrormaestro.common.gitlab.PullMirror;
import io.mirrormaestro.common.gitlab.PushMirror;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.worker.WorkerSettings;
import io.mirrormaestro.worker.command.CommandRejectedException;
import io.mirrormaestro.worker.command.EventPublisher;
import io.mirrormaestro.worker.gitlab.GitLabFailure;
import io.mirrormaestro.worker.gitlab.GitLabGateway;
import io.mirrormaestro.worker.gitlab.ProjectRef;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.gitlab4j.api.GitLabApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Refreshes what we know of the mirrors of one GitLab project with one request: {@code GET
 * /projects/:id/remote_mirrors} for a source project's push mirrors, {@code GET /projects/:id/mirror/pull} for a
 * target project's pull mirror. A mirror whose state GitLab reports differently from our record is written (only the
 * observed fields, and only if no command changed them since we read them) and published as a
 * {@link MirrorStatusRefreshed}; an unchanged mirror costs no write and no event.
 */
@Component
public class StatusRefresh {

    static final String COMMAND_TYPE = "RefreshStatus";

    private static final Logger log = LoggerFactory.getLogger(StatusRefresh.class);

    private final MongoTemplate mongo;
    private final MirrorContexts contexts;
    private final MirrorStore store;
    private final EventPublisher events;
    private final RefreshBudget budget;
    private final RefreshReachability reachability;
    private final RefreshSettings settings;
    private final WorkerSettings.SyncFollowUp followUp;
    private final Clock clock;

    StatusRefresh(
            MongoTemplate mongo,
            MirrorContexts contexts,
            MirrorStore store,
            EventPublisher events,
            RefreshBudget budget,
            RefreshReachability reachability,
            RefreshSettings settings,
            WorkerSettings worker,
            Clock clock) {
        this.mongo = mongo;
        this.contexts = contexts;
        this.store = store;
        this.events = events;
        this.budget = budget;
        this.reachability = reachability;
        this.settings = settings;
        this.followUp = worker.syncFollowUp();
        this.clock = clock;
    }

    /** What a refresh of some projects found. {@code error} is the first project's that could not be read. */
    record Summary(int mirrors, int projects, int changed, int unreadable, String error) {}

    /**
     * Refreshes the projects that hold these mirrors now, one request per project, in this thread (a manual
     * "refresh now"; the sweep runs the same per project as JobRunr jobs).
     *
     * @return the number of projects refreshed
     */
    public int refreshNow(Collection<Long> mirrorIds) {
        return refreshNow(Query.query(where("_id").in(mirrorIds))).projects();
    }

    /** Every project holding an active mirror the query selects, now, outside the refresh budget (a person asked). */
    Summary refreshNow(Query selection) {
        Query active = Query.of(selection).addCriteria(where("lifecycle").is(MirrorRecord.ACTIVE));
        active.fields()
                .include(
                        "mirror_direction",
                        "source_instance_id",
                        "source_project_id",
                        "target_instance_id",
                        "target_project_id");
        Set<RefreshHome> homes = new LinkedHashSet<>();
        int[] mirrors = {0};
        mongo.executeQuery(active, mongo.getCollectionName(MirrorRecord.class), doc -> {
            mirrors[0]++;
            homes.add(RefreshHome.of(
                    number(doc, "source_instance_id"),
                    number(doc, "source_project_id"),
                    number(doc, "target_instance_id"),
                    number(doc, "target_project_id"),
                    "push".equals(doc.getString("mirror_direction"))));
        });
        int changed = 0;
        int unreadable = 0;
        String error = null;
        for (RefreshHome home : homes) {
            Result result = refresh(home, false);
            changed += result.changed();
            if (result.error() != null) {
                unreadable++;
                error = error == null ? result.error() : error;
            }
        }
        return new Summary(mirrors[0], homes.size(), changed, unreadable, error);
    }

    private static long number(org.bson.Document doc, String field) {
        return doc.get(field) instanceof Number n ? n.longValue() : 0L;
    }

    /** One project's refresh: how many of its mirrors changed, or why GitLab could not be read. */
    record Result(int changed, String error) {}

    /** One GitLab request for every active mirror GitLab keeps in this project, within the refresh budget. */
    void refresh(RefreshHome home) {
        refresh(home, true);
    }

    private Result refresh(RefreshHome home, boolean budgeted) {
        List<MirrorRecord> mirrors = withoutFollowUps(mongo.find(mirrorsAt(home), MirrorRecord.class));
        if (mirrors.isEmpty()) {
            return new Result(0, null);
        }
        InstanceRecord instance = contexts.instance(home.instanceId());
        if (instance == null) {
            return new Result(0, "GitLab instance " + home.instanceId() + " no longer exists");
        }
        int changed = 0;
        try {
            if (budgeted && !budget.acquire(instance)) {
                log.debug(
                        "status refresh of project {} on {} skipped: refresh budget spent",
                        home.projectId(),
                        instance.name());
                return new Result(0, "refresh budget spent");
            }
            GitLabGateway gitlab = contexts.gateway(instance);
            ProjectRef project = ProjectRef.of(home.projectId());
            RefreshDrift drift = new RefreshDrift(contexts);
            if (home.push()) {
                List<PushMirror> found = gitlab.pushMirrors(project);
                reachability.reached(instance);
                for (MirrorRecord mirror : mirrors) {
                    Optional<PushMirror> match = mirror.mirrorId() == null
                            ? Optional.empty()
                            : found.stream()
                                    .filter(p -> p.id() == mirror.mirrorId())
                                    .findFirst();
                    if (match.isPresent()) {
                        changed += observed(mirror, Observation.of(match.get()), drift.of(mirror, match.get()));
                    } else if (mirror.mirrorId() != null) {
                        changed += gone(
                                mirror, "GitLab no longer has push mirror " + mirror.mirrorId() + " on this project");
                    }
                }
            } else {
                Optional<PullMirror> found = gitlab.pullMirror(project);
                reachability.reached(instance);
                for (MirrorRecord mirror : mirrors) {
                    if (found.isPresent()) {
                        changed += observed(mirror, Observation.of(found.get()), drift.of(mirror, found.get()));
                    } else if (mirror.enabled()) {
                        changed += gone(mirror, "GitLab's project no longer pulls from anywhere");
                    }
                }
            }
            return new Result(changed, null);
        } catch (GitLabApiException | RuntimeException e) {
            GitLabFailure failure = GitLabFailure.of(e);
            String why = failure == null ? e.toString() : failure.message();
            if (RefreshReachability.unreachable(failure)) {
                try {
                    reachability.failed(instance, failure);
                } catch (RuntimeException told) {
                    log.warn("cannot tell that {} is unreachable: {}", instance.name(), told.toString());
                }
            }
            log.info(
                    "status refresh of project {} on {} could not read GitLab: {}",
                    home.projectId(),
                    instance.name(),
                    why);
            return new Result(changed, why);
        }
    }

    /**
     * Leaves out mirrors whose sync a follow-up still reads ({@code MM_SYNC_FOLLOW_UP_MAX} after the request): the
     * follow-up records GitLab's end as the sync command's {@code sync_result}, which a refresh would otherwise
     * record first, taking the outcome out of the command's history. After that window the refresh takes over (a
     * sync that never ends shows as stuck).
     */
    private List<MirrorRecord> withoutFollowUps(List<MirrorRecord> mirrors) {
        if (mirrors.isEmpty() || !followUp.enabled()) {
            return mirrors;
        }
        Query followed = Query.query(where("_id")
                .in(mirrors.stream().map(MirrorRecord::id).toList())
                .and(MirrorStore.FOLLOW_UP)
                .exists(true)
                .and("updated_at")
                .gte(clock.instant().minus(followUp.max())));
        followed.fields().include("_id");
        Set<Long> skipped = new java.util.HashSet<>();
        mongo.find(followed, org.bson.Document.class, mongo.getCollectionName(MirrorRecord.class))
                .forEach(d -> skipped.add(((Number) d.get("_id")).longValue()));
        return skipped.isEmpty()
                ? mirrors
                : mirrors.stream().filter(m -> !skipped.contains(m.id())).toList();
    }

    /** @param drift the settings GitLab has that differ from ours (GitLab's names), see {@link RefreshDrift} */
    private int observed(MirrorRecord mirror, Observation observed, List<String> drift) {
        boolean stuck = observed.stuckAfter(clock.instant(), settings.stuckAfter());
        boolean resumed = Boolean.TRUE.equals(mirror.paused()) && "finished".equals(observed.status());
        boolean statusKnown = observed.recordedIn(mirror, stuck) && !mirror.orphaned() && !resumed;
        boolean driftKnown = drift.equals(RefreshDrift.recorded(mirror));
        if (statusKnown && driftKnown) {
            return 0;
        }
        String detail = statusKnown ? describeDrift(mirror, drift) : describe(mirror, observed, stuck);
        GitLabVerdict verdict = statusKnown ? GitLabVerdict.OTHER : observed.verdict(stuck);
        publish(
                mirror,
                observed.status() + "/" + observed.lastError() + "/" + millis(observed.lastUpdateAt()) + "/"
                        + millis(observed.lastSuccessfulUpdate()) + "/" + stuck + "/" + String.join(",", drift),
                detail,
                verdict);
        if (!store.recordRefreshed(mirror, observed, stuck, drift)) {
            log.debug("status refresh of mirror {}: changed meanwhile, not recorded", mirror.id());
        }
        return 1;
    }

    private int gone(MirrorRecord mirror, String why) {
        if (mirror.orphaned()) {
            return 0;
        }
        publish(mirror, "orphaned/" + mirror.mirrorId(), describeMirror(mirror) + ": " + why, GitLabVerdict.OTHER);
        store.markOrphaned(mirror.id(), why, clock.instant());
        return 1;
    }

    private void publish(MirrorRecord mirror, String what, String detail, GitLabVerdict verdict) {
        UUID id = UUID.nameUUIDFromBytes(("refresh/" + mirror.id() + "/" + what).getBytes(StandardCharsets.UTF_8));
        events.publish(new MirrorStatusRefreshed(
                id, id, id, clock.instant(), mirror.id(), COMMAND_TYPE, detail, 0, null, verdict));
    }

    private String describe(MirrorRecord mirror, Observation observed, boolean stuck) {
        String what = describeMirror(mirror);
        if (stuck) {
            return "GitLab's sync of " + what + " has been running since " + observed.lastUpdateStartedAt() + ": stuck";
        }
        return switch (observed.status()) {
            case "finished" -> "GitLab reports " + what + " up to date";
            case "failed" ->
                "GitLab reports " + what + " failed"
                        + (observed.lastError() == null ? "" : ": " + observed.lastError());
            default ->
                "GitLab reports " + what + " " + observed.status()
                        + (observed.lastError() == null ? "" : ": " + observed.lastError());
        };
    }

    private String describeDrift(MirrorRecord mirror, List<String> drift) {
        return drift.isEmpty()
                ? "GitLab's settings of " + describeMirror(mirror) + " match ours again"
                : "GitLab's settings of " + describeMirror(mirror) + " drifted from ours: " + String.join(", ", drift)
                        + " (repair puts them back)";
    }

    private String describeMirror(MirrorRecord mirror) {
        try {
            VerifyMirror command = new VerifyMirror(null, null, null, mirror.id(), false, null);
            return contexts.load(command, 0, mirror).describe();
        } catch (CommandRejectedException e) {
            return (mirror.isPush() ? "push mirror " : "pull mirror ") + mirror.id();
        }
    }

    private static String millis(Instant at) {
        return at == null ? "" : Long.toString(at.toEpochMilli());
    }

    private static Query mirrorsAt(RefreshHome home) {
        return home.push()
                ? Query.query(where("source_instance_id")
                        .is(home.instanceId())
                        .and("source_project_id")
                        .is(home.projectId())
                        .and("mirror_direction")
                        .is("push")
                        .and("lifecycle")
                        .is(MirrorRecord.ACTIVE))
                : Query.query(where("target_instance_id")
                        .is(home.instanceId())
                        .and("target_project_id")
                        .is(home.projectId())
                        .and("mirror_direction")
                        .is("pull")
                        .and("lifecycle")
                        .is(MirrorRecord.ACTIVE));
    }
}
