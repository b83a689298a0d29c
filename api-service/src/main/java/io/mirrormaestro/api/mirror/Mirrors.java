package io.mirrormaestro.api.mirror;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.command.CommandGateway;
import io.mirrormaestro.api.gitlab.GitLabProbe;
import io.mirrormaestro.api.pair.Pairs;
import io.mirrormaestro.api.web.BadRequestException;
import io.mirrormaestro.api.web.ConflictException;
import io.mirrormaestro.api.web.Lookups;
import io.mirrormaestro.api.web.UnprocessableException;
import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.settings.MirrorSettings;
import io.mirrormaestro.common.settings.RepositoryUrls;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.common.store.Sequences;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Mirrors as the API manages them: validate against our store and GitLab's current state, record the desired state,
 * and issue the command that makes GitLab follow. Never mutates GitLab itself.
 */
@Component
public class Mirrors {

    private final MongoTemplate mongo;
    private final Pairs pairs;
    private final GitLabProbe gitlab;
    private final TokenCipher cipher;
    private final CommandGateway commands;
    private final Clock clock;

    Mirrors(
            MongoTemplate mongo,
            Pairs pairs,
            GitLabProbe gitlab,
            TokenCipher cipher,
            CommandGateway commands,
            Clock clock) {
        this.mongo = mongo;
        this.pairs = pairs;
        this.gitlab = gitlab;
        this.cipher = cipher;
        this.commands = commands;
        this.clock = clock;
    }

    /** A project named by id or by path, on one side of the pair. */
    public record ProjectRef(String field, Long id, String path) {}

    public record Desired(String mirrorDirection, MirrorRecord.Overrides overrides, boolean enabled) {}

    public record Accepted(MirrorRecord mirror, UUID commandId) {}

    MirrorRecord get(long id) {
        return Lookups.require(mongo, MirrorRecord.class, id, "mirror");
    }

    MirrorSettings effective(
            MirrorRecord m, Map<Long, PairRecord> pairCache, Map<Long, List<GroupDefaultsRecord>> defaultsCache) {
        PairRecord pair = pairCache.computeIfAbsent(m.instancePairId(), pairs::get);
        List<GroupDefaultsRecord> defaults = defaultsCache.computeIfAbsent(m.instancePairId(), this::defaultsOf);
        return MirrorSettings.forMirror(m, pair, defaults);
    }

    Accepted create(long pairId, ProjectRef source, ProjectRef target, Desired desired) {
        return create(pairId, source, target, desired, null, null);
    }

    /**
     * @param batchId the batch this mirror belongs to (its create command carries it), or null
     * @param mirrorId an id allocated beforehand (a batch records it first, to resume after a crash), or null
     */
    public Accepted create(
            long pairId, ProjectRef source, ProjectRef target, Desired desired, String batchId, Long mirrorId) {
        PairRecord pair = pairs.get(pairId);
        InstanceRecord sourceInstance = instance(pair.sourceInstanceId());
        InstanceRecord targetInstance = instance(pair.targetInstanceId());
        GitLabProbe.ProjectSummary sourceProject = project(sourceInstance, source);
        GitLabProbe.ProjectSummary targetProject = project(targetInstance, target);
        String direction = MirrorSettings.resolve(
                        pair,
                        defaultsOf(pairId),
                        new MirrorSettings.Overrides(desired.mirrorDirection(), null, null, null, null, null, null),
                        sourceProject.pathWithNamespace(),
                        targetProject.pathWithNamespace())
                .mirrorDirection()
                .value();
        refuseDuplicates(pair, sourceProject, targetProject, direction);
        refuseGitLabDuplicates(direction, sourceInstance, sourceProject, targetInstance, targetProject);
        Instant now = clock.instant();
        MirrorRecord mirror = MirrorRecord.desired(
                mirrorId != null ? mirrorId : Sequences.next(mongo, "mirrors"),
                pairId,
                pair.sourceInstanceId(),
                pair.targetInstanceId(),
                sourceProject.id(),
                sourceProject.pathWithNamespace(),
                targetProject.id(),
                targetProject.pathWithNamespace(),
                direction,
                desired.overrides(),
                desired.enabled(),
                MirrorRecord.PENDING,
                now);
        try {
            mongo.insert(mirror);
        } catch (DuplicateKeyException raced) {
            refuseDuplicates(pair, sourceProject, targetProject, direction);
            throw raced;
        }
        UUID commandId = UUID.randomUUID();
        commands.accept(new MirrorCommand(
                commandId, commandId, clock.instant(), mirror.id(), MirrorCommand.Action.CREATE, null, false, batchId));
        return new Accepted(mirror, commandId);
    }

    /** Issues the create command again for a mirror a crashed batch runner recorded but may not have handed over. */
    public UUID resumeCreate(long mirrorId, String batchId) {
        UUID commandId = UUID.randomUUID();
        commands.accept(new MirrorCommand(
                commandId, commandId, clock.instant(), mirrorId, MirrorCommand.Action.CREATE, null, false, batchId));
        return commandId;
    }

    public static long allocateId(MongoTemplate mongo) {
        return Sequences.next(mongo, "mirrors");
    }

    /** Changes overrides and the enabled flag; the direction is fixed at creation. */
    Accepted update(long id, Map<String, Object> changes) {
        return update(id, changes, null);
    }

    public Accepted update(long id, Map<String, Object> changes, String batchId) {
        MirrorRecord current = get(id);
        requireNotDeleting(current);
        if (changes.containsKey("mirror_direction")
                && changes.get("mirror_direction") != null
                && !current.mirrorDirection().equals(changes.get("mirror_direction"))) {
            throw new BadRequestException(
                    "mirror_direction",
                    "Mirror direction cannot be changed after creation. Delete and recreate the mirror.");
        }
        Update update = new Update().set("updated_at", clock.instant());
        changes.forEach((field, value) -> {
            if (!field.equals("mirror_direction")) {
                update.set(field.equals("enabled") ? "enabled" : "overrides." + field, value);
            }
        });
        mongo.updateFirst(Query.query(where("_id").is(id)), update, MirrorRecord.class);
        MirrorRecord updated = get(id);
        MirrorCommand.Action action = MirrorRecord.FAILED.equals(updated.lifecycle())
                ? MirrorCommand.Action.CREATE // creation failed for good before: try again with the new wishes
                : MirrorCommand.Action.UPDATE;
        if (MirrorRecord.PENDING.equals(updated.lifecycle())) {
            return new Accepted(updated, null); // the pending create reads the latest wishes when it runs
        }
        return new Accepted(updated, issue(id, action, batchId));
    }

    UUID delete(long id) {
        return delete(id, null);
    }

    public UUID delete(long id, String batchId) {
        get(id);
        mongo.updateFirst(
                Query.query(where("_id").is(id)),
                new Update().set("lifecycle", MirrorRecord.DELETING).set("updated_at", clock.instant()),
                MirrorRecord.class);
        return issue(id, MirrorCommand.Action.DELETE, batchId);
    }

    UUID sync(long id) {
        return sync(id, null);
    }

    public UUID sync(long id, String batchId) {
        MirrorRecord mirror = get(id);
        requireActive(mirror);
        if (!mirror.enabled()) {
            throw new BadRequestException("enabled", "the mirror is disabled; enable it before syncing");
        }
        return issue(id, MirrorCommand.Action.SYNC, batchId);
    }

    UUID verify(long id, boolean repair) {
        return verify(id, repair, null);
    }

    public UUID verify(long id, boolean repair, String batchId) {
        MirrorRecord mirror = get(id);
        requireActive(mirror);
        UUID commandId = UUID.randomUUID();
        commands.accept(new MirrorCommand(
                commandId, commandId, clock.instant(), id, MirrorCommand.Action.VERIFY, null, repair, batchId));
        return commandId;
    }

    UUID rotate(long id) {
        MirrorRecord mirror = get(id);
        requireActive(mirror);
        return rotate(mirror.id(), mirror.groupTokenId());
    }

    /** A group token got a new value: every mirror that embeds it must be given the new one. */
    public List<UUID> rotateAllUsing(long groupTokenId) {
        Query using = Query.query(
                where("group_token_id").is(groupTokenId).and("lifecycle").is(MirrorRecord.ACTIVE));
        return mongo.findDistinct(using, "_id", MirrorRecord.class, Long.class).stream()
                .map(id -> rotate(id, groupTokenId))
                .toList();
    }

    private UUID rotate(long mirrorId, Long groupTokenId) {
        UUID commandId = UUID.randomUUID();
        commands.accept(new MirrorCommand(
                commandId,
                commandId,
                clock.instant(),
                mirrorId,
                MirrorCommand.Action.ROTATE_CREDENTIALS,
                groupTokenId,
                false,
                null));
        return commandId;
    }

    private UUID issue(long mirrorId, MirrorCommand.Action action, String batchId) {
        UUID commandId = UUID.randomUUID();
        commands.accept(
                new MirrorCommand(commandId, commandId, clock.instant(), mirrorId, action, null, false, batchId));
        return commandId;
    }

    private void refuseDuplicates(
            PairRecord pair, GitLabProbe.ProjectSummary source, GitLabProbe.ProjectSummary target, String direction) {
        Query same = Query.query(where("source_instance_id")
                .is(pair.sourceInstanceId())
                .and("source_project_id")
                .is(source.id())
                .and("target_instance_id")
                .is(pair.targetInstanceId())
                .and("target_project_id")
                .is(target.id())
                .and("mirror_direction")
                .is(direction));
        Optional<MirrorRecord> existing = Optional.ofNullable(mongo.findOne(same, MirrorRecord.class));
        if (existing.isEmpty() && direction.equals("pull")) {
            // GitLab allows one pull mirror per project
            existing = Optional.ofNullable(mongo.findOne(
                    Query.query(where("target_instance_id")
                            .is(pair.targetInstanceId())
                            .and("target_project_id")
                            .is(target.id())
                            .and("mirror_direction")
                            .is("pull")),
                    MirrorRecord.class));
        }
        existing.ifPresent(m -> {
            throw new ConflictException(
                    "source_project_path",
                    "already mirrored by Mirror Maestro: mirror " + m.id() + " (" + m.sourceProjectPath() + " → "
                            + m.targetProjectPath() + ", " + m.mirrorDirection() + ")",
                    Map.of("existing_mirror_id", m.id()));
        });
    }

    private void refuseGitLabDuplicates(
            String direction,
            InstanceRecord sourceInstance,
            GitLabProbe.ProjectSummary source,
            InstanceRecord targetInstance,
            GitLabProbe.ProjectSummary target) {
        if (direction.equals("push")) {
            List<GitLabProbe.ExistingMirror> existing =
                    gitlab.pushMirrors(sourceInstance.url(), token(sourceInstance), source.id()).stream()
                            .filter(m -> RepositoryUrls.pointsAt(m.url(), target.httpUrlToRepo()))
                            .toList();
            if (!existing.isEmpty()) {
                throw new ConflictException(
                        "source_project_path",
                        "GitLab already has a push mirror from " + source.pathWithNamespace() + " to "
                                + target.pathWithNamespace() + " that Mirror Maestro does not manage; remove it in "
                                + "GitLab first",
                        Map.of("existing_gitlab_mirrors", existing));
            }
        } else {
            gitlab.pullMirror(targetInstance.url(), token(targetInstance), target.id())
                    .filter(m -> !Boolean.FALSE.equals(m.enabled()))
                    .ifPresent(m -> {
                        throw new ConflictException(
                                "target_project_path",
                                "Target project already has a pull mirror configured in GitLab. GitLab allows only "
                                        + "one pull mirror per project. Remove the existing pull mirror first.",
                                Map.of("existing_pull_mirrors", List.of(m)));
                    });
        }
    }

    private GitLabProbe.ProjectSummary project(InstanceRecord instance, ProjectRef ref) {
        String key = ref.id() != null ? String.valueOf(ref.id()) : ref.path();
        GitLabProbe.ProjectSummary found = gitlab.project(instance.url(), token(instance), key)
                .orElseThrow(() -> new UnprocessableException(
                        ref.field(), "no project '" + key + "' on instance '" + instance.name() + "'"));
        if (ref.id() != null && ref.path() != null && !ref.path().equals(found.pathWithNamespace())) {
            throw new UnprocessableException(
                    ref.field(), "project " + ref.id() + " is " + found.pathWithNamespace() + ", not " + ref.path());
        }
        return found;
    }

    private static void requireActive(MirrorRecord mirror) {
        if (!MirrorRecord.ACTIVE.equals(mirror.lifecycle())) {
            throw new BadRequestException("id", "Mirror not configured in GitLab (it is " + mirror.lifecycle() + ")");
        }
    }

    private static void requireNotDeleting(MirrorRecord mirror) {
        if (MirrorRecord.DELETING.equals(mirror.lifecycle())) {
            throw new ConflictException("id", "mirror " + mirror.id() + " is being deleted");
        }
    }

    private InstanceRecord instance(long id) {
        return Lookups.require(mongo, InstanceRecord.class, id, "instance");
    }

    private String token(InstanceRecord instance) {
        return cipher.decrypt(instance.encryptedToken());
    }

    private List<GroupDefaultsRecord> defaultsOf(long pairId) {
        return mongo.find(Query.query(where("instance_pair_id").is(pairId)), GroupDefaultsRecord.class);
    }
}
