package io.mirrormaestro.worker.mirror;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.settings.MirrorSettings;
import io.mirrormaestro.common.settings.PullMirroring;
import io.mirrormaestro.common.store.BatchItemRecord;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.worker.command.CommandRejectedException;
import io.mirrormaestro.worker.command.PollCache;
import io.mirrormaestro.worker.gitlab.GitLabGateways;
import io.mirrormaestro.worker.gitlab.GitLabProject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.gitlab4j.api.GitLabApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Records the mirror an import line asks for, when its create command first runs. api-service hands import lines
 * over without calling GitLab, so every GitLab call of an import passes the instances' limits here: both projects
 * are looked up by path (a group's projects at a time), the direction resolved as for a single create, and the mirror inserted under the id the
 * line reserved. A line whose projects another mirror already covers is skipped, naming that mirror; a project
 * GitLab does not know fails the line with its path.
 */
@Component
class ImportLines {

    private final MongoTemplate mongo;
    private final GitLabGateways gateways;
    private final MirrorLock lock;
    private final MirrorContexts contexts;
    private final Clock clock;
    private final ProjectDirectory directory;

    ImportLines(
            MongoTemplate mongo,
            GitLabGateways gateways,
            MirrorLock lock,
            MirrorContexts contexts,
            Clock clock,
            ProjectDirectory directory) {
        this.mongo = mongo;
        this.directory = directory;
        MirrorCollection.ensureOneMirrorPerProjects(mongo); // what makes a duplicate line a skip, not a second mirror
        this.gateways = gateways;
        this.lock = lock;
        this.contexts = contexts;
        this.clock = clock;
    }

    /**
     * How an import line's create starts: with its mirror just recorded and locked for the command (and the
     * configuration read on the way), or with the reason the line is skipped.
     */
    record Start(MirrorContext context, MirrorAction.Outcome skipped) {}

    /**
     * @param attempt the command's attempt: only an earlier one can have recorded the mirror (the id is the line's
     *     own), so a first attempt does not look
     * @return empty when an earlier attempt of the command recorded the mirror: start as any create does
     */
    Optional<Start> record(MirrorCommand command, int attempt) throws GitLabApiException {
        if (attempt > 1 && recorded(command.mirrorId())) {
            return Optional.empty();
        }
        BatchItemRecord line = mongo.findById(command.batchId(), BatchItemRecord.class);
        if (line == null || line.mirrorId() == null || line.mirrorId() != command.mirrorId()) {
            throw new CommandRejectedException(
                    "batch line " + command.batchId() + " no longer asks for mirror " + command.mirrorId());
        }
        PairRecord pair = pairOf(line);
        InstanceRecord source = instance(pair.sourceInstanceId());
        InstanceRecord target = instance(pair.targetInstanceId());
        GitLabProject sourceProject = project(source, line.sourceProjectPath());
        GitLabProject targetProject = project(target, line.targetProjectPath());
        List<GroupDefaultsRecord> defaults = contexts.defaults(pair.id());
        String direction = MirrorSettings.directionOf(
                pair,
                defaults,
                line.mirrorDirection(),
                sourceProject.pathWithNamespace(),
                targetProject.pathWithNamespace());
        MirrorRecord mirror = MirrorRecord.desired(
                command.mirrorId(),
                pair.id(),
                source.id(),
                target.id(),
                sourceProject.id(),
                sourceProject.pathWithNamespace(),
                targetProject.id(),
                targetProject.pathWithNamespace(),
                direction,
                line.overrides(),
                line.enabled(),
                MirrorRecord.PENDING,
                clock.instant());
        if (direction.equals("pull")) {
            PullMirroring.refusal(target).ifPresent(why -> {
                throw new CommandRejectedException(why);
            });
            // the unique index does not stop a second pull mirror of the same target from another source
            Optional<MirrorRecord> other = covering(mirror);
            if (other.isPresent()) {
                return Optional.of(skipped(line, other.get()));
            }
        }
        MirrorContext context = contexts.of(command, attempt, mirror, pair, source, target, defaults);
        try {
            lock.insertLocked(mirror, command.commandId());
            return Optional.of(new Start(context, null));
        } catch (DuplicateKeyException e) {
            if (recorded(command.mirrorId())) {
                return Optional.empty(); // an earlier attempt of this command recorded it
            }
            MirrorRecord same = covering(mirror).orElseThrow(() -> e);
            return Optional.of(skipped(line, same));
        }
    }

    /** A find by id rather than {@code exists}, which counts (an aggregation, a scan on the embedded store). */
    private boolean recorded(long mirrorId) {
        Query byId = Query.query(where("_id").is(mirrorId));
        byId.fields().include("_id");
        return mongo.findOne(byId, org.bson.Document.class, MirrorCollection.NAME) != null;
    }

    private PairRecord pairOf(BatchItemRecord line) {
        Long pairId = PollCache.get(List.of("batch pair", line.batchId()), () -> Optional.ofNullable(
                        mongo.findById(line.batchId(), BatchRecord.class))
                .map(BatchRecord::instancePairId)
                .orElse(null));
        PairRecord pair = pairId == null ? null : contexts.pair(pairId);
        if (pair == null) {
            throw new CommandRejectedException("the instance pair of batch " + line.batchId() + " no longer exists");
        }
        return pair;
    }

    private Optional<MirrorRecord> covering(MirrorRecord mirror) {
        return MirrorCollection.covering(
                mongo,
                mirror.sourceInstanceId(),
                mirror.sourceProjectId(),
                mirror.targetInstanceId(),
                mirror.targetProjectId(),
                mirror.mirrorDirection());
    }

    /**
     * The line is skipped: it names the mirror that covers its projects (the line's own mirror id was reserved and
     * is not used), before the outcome's event settles the line, so whoever reads the line then sees both.
     */
    private Start skipped(BatchItemRecord line, MirrorRecord existing) {
        mongo.updateFirst(
                Query.query(where("_id").is(line.id()).and("mirror_id").is(line.mirrorId())),
                new Update().set("existing_mirror_id", existing.id()),
                BatchItemRecord.class);
        return new Start(null, new MirrorAction.Outcome("skipped", existing.alreadyMirrored()));
    }

    private GitLabProject project(InstanceRecord instance, String path) throws GitLabApiException {
        try {
            // a group's listing answers most lines of an import (see ProjectDirectory)
            return directory.project(String.valueOf(instance.id()), gateways.forInstance(instance), path);
        } catch (GitLabApiException e) {
            if (e.getHttpStatus() == 404) {
                throw new CommandRejectedException("no project '" + path + "' on instance '" + instance.name() + "'");
            }
            throw e;
        }
    }

    private InstanceRecord instance(long id) {
        InstanceRecord instance = contexts.instance(id);
        if (instance == null) {
            throw new CommandRejectedException("GitLab instance " + id + " no longer exists");
        }
        return instance;
    }
}
