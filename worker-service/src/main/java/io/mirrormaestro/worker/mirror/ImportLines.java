package io.mirrormaestro.worker.mirror;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.common.command.ImportMirrorLine;
import io.mirrormaestro.common.command.MirrorDirection;
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
import io.mirrormaestro.worker.gitlab.GitLabGateways;
import io.mirrormaestro.worker.gitlab.GitLabProject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.gitlab4j.api.GitLabApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Records the mirror an {@link ImportMirrorLine} asks for, when its command first runs. api-service hands import lines
 * over without calling GitLab, so every GitLab call of an import passes the instances' limits here: both projects are
 * looked up by path (a group's projects at a time), the direction resolved as for a single create, and the mirror
 * inserted under the id the line reserved. A line whose projects another mirror already covers is skipped, naming
 * that mirror; a project GitLab does not know fails the line with its path. The line's wishes travel in the command;
 * api-service's {@code batch_items} is read only for a command of the previous version.
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
    Optional<Start> record(ImportMirrorLine command, int attempt) throws GitLabApiException {
        if (attempt > 1 && recorded(command.mirrorId())) {
            return Optional.empty();
        }
        ImportMirrorLine.Line line = command.line() != null ? command.line() : storedLine(command);
        PairRecord pair = contexts.pair(line.instancePairId());
        if (pair == null) {
            throw new CommandRejectedException(
                    "the instance pair of batch " + command.batchLine().batchId() + " no longer exists");
        }
        InstanceRecord source = instance(pair.sourceInstanceId());
        InstanceRecord target = instance(pair.targetInstanceId());
        GitLabProject sourceProject = project(source, line.sourceProjectPath());
        GitLabProject targetProject = project(target, line.targetProjectPath());
        List<GroupDefaultsRecord> defaults = contexts.defaults(pair.id());
        String direction = MirrorSettings.directionOf(
                pair,
                defaults,
                line.direction() == null ? null : line.direction().wireName(),
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
                return Optional.of(skipped(other.get()));
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
            return Optional.of(skipped(same));
        }
    }

    /**
     * The line of a command the previous version wrote, which named the line only (see
     * {@link io.mirrormaestro.common.kafka.ContractUpgrade}): read from api-service's {@code batch_items} and
     * {@code batches}, as that version did. Remove with the upgrade rule.
     */
    private ImportMirrorLine.Line storedLine(ImportMirrorLine command) {
        BatchItemRecord line = mongo.findById(command.batchLine().itemId(), BatchItemRecord.class);
        if (line == null || line.mirrorId() == null || line.mirrorId() != command.mirrorId()) {
            throw new CommandRejectedException(
                    "batch line " + command.batchLine() + " no longer asks for mirror " + command.mirrorId());
        }
        BatchRecord batch = mongo.findById(line.batchId(), BatchRecord.class);
        if (batch == null) {
            throw new CommandRejectedException("the instance pair of batch " + line.batchId() + " no longer exists");
        }
        return new ImportMirrorLine.Line(
                batch.instancePairId(),
                line.sourceProjectPath(),
                line.targetProjectPath(),
                line.mirrorDirection() == null ? null : MirrorDirection.parse(line.mirrorDirection()),
                line.overrides(),
                line.enabled());
    }

    /** A find by id rather than {@code exists}, which counts (an aggregation, a scan on the embedded store). */
    private boolean recorded(long mirrorId) {
        Query byId = Query.query(where("_id").is(mirrorId));
        byId.fields().include("_id");
        return mongo.findOne(byId, org.bson.Document.class, MirrorCollection.NAME) != null;
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

    /** The line is skipped: its event names the mirror that covers its projects (the reserved id is not used). */
    private static Start skipped(MirrorRecord existing) {
        return new Start(
                null,
                new MirrorAction.Outcome(MirrorAction.Kind.IMPORT_SKIPPED, existing.alreadyMirrored(), existing.id()));
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
