package io.mirrormaestro.api.mirror;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.command.CommandGateway;
import io.mirrormaestro.api.gitlab.GitLabProbe;
import io.mirrormaestro.api.pair.Pairs;
import io.mirrormaestro.api.problem.BadRequestException;
import io.mirrormaestro.api.problem.ConflictException;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.api.web.Lookups;
import io.mirrormaestro.common.command.BatchLineRef;
import io.mirrormaestro.common.command.CreateMirror;
import io.mirrormaestro.common.command.DeleteMirror;
import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.command.ResumeMirror;
import io.mirrormaestro.common.command.RotateMirrorCredentials;
import io.mirrormaestro.common.command.SyncMirror;
import io.mirrormaestro.common.command.UpdateMirror;
import io.mirrormaestro.common.command.VerifyMirror;
import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.settings.MirrorSettings;
import io.mirrormaestro.common.settings.PullMirroring;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorCollection;
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

    /**
     * What a single create asks for.
     *
     * @param adoptExisting take over a mirror GitLab already has between the projects instead of failing the create
     *     with "already mirrored in GitLab" (the worker decides, see {@link CreateMirror})
     */
    public record Desired(
            String mirrorDirection, MirrorRecord.Overrides overrides, boolean enabled, boolean adoptExisting) {}

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
        PairRecord pair = pairs.get(pairId);
        InstanceRecord sourceInstance = instance(pair.sourceInstanceId());
        InstanceRecord targetInstance = instance(pair.targetInstanceId());
        GitLabProbe.ProjectSummary sourceProject = project(sourceInstance, source);
        GitLabProbe.ProjectSummary targetProject = project(targetInstance, target);
        String direction = MirrorSettings.directionOf(
                pair,
                defaultsOf(pairId),
                desired.mirrorDirection(),
                sourceProject.pathWithNamespace(),
                targetProject.pathWithNamespace());
        if (direction.equals("pull")) {
            PullMirroring.refusal(targetInstance).ifPresent(why -> {
                throw new UnprocessableException("mirror_direction", why);
            });
        }
        refuseConflict(
                pair,
                direction,
                desired.overrides(),
                sourceProject.pathWithNamespace(),
                targetProject.pathWithNamespace());
        refuseDuplicates(pair, sourceProject, targetProject, direction);
        Instant now = clock.instant();
        MirrorRecord mirror = MirrorRecord.desired(
                Sequences.next(mongo, "mirrors"),
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
        issue(new CreateMirror(commandId, commandId, clock.instant(), mirror.id(), desired.adoptExisting(), null));
        return new Accepted(mirror, commandId);
    }

    /** Changes overrides and the enabled flag; the direction is fixed at creation. */
    Accepted update(long id, Map<String, Object> changes) {
        MirrorRecord updated = change(get(id), changes);
        Optional<MirrorCommand> command = afterChange(updated, UUID.randomUUID(), null);
        command.ifPresent(commands::accept);
        return new Accepted(updated, command.map(MirrorCommand::commandId).orElse(null));
    }

    UUID delete(long id) {
        return issue(operation("delete", get(id), UUID.randomUUID(), null).orElseThrow());
    }

    UUID sync(long id) {
        return issue(operation("sync", get(id), UUID.randomUUID(), null).orElseThrow());
    }

    UUID resume(long id) {
        return issue(operation("resume", get(id), UUID.randomUUID(), null).orElseThrow());
    }

    UUID verify(long id, boolean repair) {
        return issue(operation(repair ? "repair" : "verify", get(id), UUID.randomUUID(), null)
                .orElseThrow());
    }

    /**
     * One operation on a loaded mirror, as the single-mirror endpoints and batch lines both do it: checks that it
     * applies, makes the change to the desired state it implies, and returns the command to issue; empty when the
     * mirror's pending creation will apply the change anyway.
     *
     * @param kind sync, resume, enable, disable, delete, verify, repair or use_group_tokens (see {@link OwnTokens})
     * @param line the batch line it carries out, or null
     */
    public Optional<MirrorCommand> operation(String kind, MirrorRecord mirror, UUID commandId, BatchLineRef line) {
        return switch (kind) {
            case "sync" -> {
                requireActive(mirror);
                if (!mirror.enabled()) {
                    throw new BadRequestException("enabled", "the mirror is disabled; enable it before syncing");
                }
                yield Optional.of(new SyncMirror(commandId, commandId, clock.instant(), mirror.id(), line));
            }
            case "resume" -> {
                // GitLab paused the pull mirror, or disabled the push mirror, after repeated failures
                requireActive(mirror);
                if (!mirror.enabled()) {
                    throw new BadRequestException("enabled", "the mirror is disabled; enable it instead of resuming");
                }
                yield Optional.of(new ResumeMirror(commandId, commandId, clock.instant(), mirror.id(), line));
            }
            case "enable", "disable" ->
                afterChange(change(mirror, Map.of("enabled", kind.equals("enable"))), commandId, line);
            case "delete" -> {
                mongo.updateFirst(
                        Query.query(where("_id").is(mirror.id())),
                        new Update().set("lifecycle", MirrorRecord.DELETING).set("updated_at", clock.instant()),
                        MirrorRecord.class);
                yield Optional.of(new DeleteMirror(commandId, commandId, clock.instant(), mirror.id(), line));
            }
            case "verify", "repair" -> {
                requireActive(mirror);
                yield Optional.of(new VerifyMirror(
                        commandId, commandId, clock.instant(), mirror.id(), kind.equals("repair"), line));
            }
            case OwnTokens.ACTION -> {
                requireActive(mirror);
                yield Optional.of(OwnTokens.moveCommand(mongo, mirror, commandId, line, clock.instant()));
            }
            default -> throw new IllegalArgumentException("unknown mirror operation " + kind);
        };
    }

    private MirrorRecord change(MirrorRecord current, Map<String, Object> changes) {
        requireNotDeleting(current);
        if (changes.containsKey("mirror_direction")
                && changes.get("mirror_direction") != null
                && !current.mirrorDirection().equals(changes.get("mirror_direction"))) {
            throw new BadRequestException(
                    "mirror_direction",
                    "Mirror direction cannot be changed after creation. Delete and recreate the mirror.");
        }
        if (changes.containsKey("mirror_branch_regex") || changes.containsKey("only_mirror_protected_branches")) {
            MirrorRecord.Overrides o = current.overrides() == null ? MirrorRecord.Overrides.NONE : current.overrides();
            refuseConflict(
                    pairs.get(current.instancePairId()),
                    current.mirrorDirection(),
                    new MirrorRecord.Overrides(
                            o.mirrorProtectedBranches(),
                            o.mirrorOverwriteDiverged(),
                            o.mirrorTriggerBuilds(),
                            changes.containsKey("only_mirror_protected_branches")
                                    ? (Boolean) changes.get("only_mirror_protected_branches")
                                    : o.onlyMirrorProtectedBranches(),
                            changes.containsKey("mirror_branch_regex")
                                    ? (String) changes.get("mirror_branch_regex")
                                    : o.mirrorBranchRegex(),
                            o.mirrorUserId()),
                    current.sourceProjectPath(),
                    current.targetProjectPath());
        }
        Update update = new Update().set("updated_at", clock.instant());
        changes.forEach((field, value) -> {
            if (!field.equals("mirror_direction")) {
                update.set(field.equals("enabled") ? "enabled" : "overrides." + field, value);
            }
        });
        mongo.updateFirst(Query.query(where("_id").is(current.id())), update, MirrorRecord.class);
        return get(current.id());
    }

    /**
     * A 422 when the mirror's settings, with these overrides over its groups' defaults and its pair, are ones GitLab
     * refuses (see {@link MirrorSettings#conflict()}): said now, not by a command failing later in the worker.
     */
    private void refuseConflict(
            PairRecord pair,
            String direction,
            MirrorRecord.Overrides overrides,
            String sourceProjectPath,
            String targetProjectPath) {
        MirrorRecord.Overrides o = overrides == null ? MirrorRecord.Overrides.NONE : overrides;
        MirrorSettings.resolve(
                        pair,
                        defaultsOf(pair.id()),
                        new MirrorSettings.Overrides(
                                direction,
                                o.mirrorProtectedBranches(),
                                o.mirrorOverwriteDiverged(),
                                o.mirrorTriggerBuilds(),
                                o.onlyMirrorProtectedBranches(),
                                o.mirrorBranchRegex(),
                                o.mirrorUserId()),
                        sourceProjectPath,
                        targetProjectPath)
                .conflict()
                .ifPresent(why -> {
                    throw new UnprocessableException(
                            o.mirrorBranchRegex() != null ? "mirror_branch_regex" : "only_mirror_protected_branches",
                            why);
                });
    }

    private Optional<MirrorCommand> afterChange(MirrorRecord updated, UUID commandId, BatchLineRef line) {
        if (MirrorRecord.PENDING.equals(updated.lifecycle())) {
            return Optional.empty(); // the pending create reads the latest wishes when it runs
        }
        Instant now = clock.instant();
        if (MirrorRecord.FAILED.equals(updated.lifecycle())) {
            // creation failed for good before: try again with the new wishes, refusing what GitLab has as before
            return Optional.of(new CreateMirror(commandId, commandId, now, updated.id(), false, line));
        }
        return Optional.of(new UpdateMirror(commandId, commandId, now, updated.id(), line));
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
        return issue(new RotateMirrorCredentials(commandId, commandId, clock.instant(), mirrorId, groupTokenId, null));
    }

    private UUID issue(MirrorCommand command) {
        commands.accept(command);
        return command.commandId();
    }

    private void refuseDuplicates(
            PairRecord pair, GitLabProbe.ProjectSummary source, GitLabProbe.ProjectSummary target, String direction) {
        Optional<MirrorRecord> existing = MirrorCollection.covering(
                mongo, pair.sourceInstanceId(), source.id(), pair.targetInstanceId(), target.id(), direction);
        existing.ifPresent(m -> {
            throw new ConflictException(
                    "source_project_path", m.alreadyMirrored(), Map.of("existing_mirror_id", m.id()));
        });
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
