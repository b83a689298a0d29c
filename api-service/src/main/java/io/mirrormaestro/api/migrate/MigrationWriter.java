package io.mirrormaestro.api.migrate;

import io.mirrormaestro.api.activity.ActivityLog;
import io.mirrormaestro.api.command.CommandGateway;
import io.mirrormaestro.common.command.CreateMirror;
import io.mirrormaestro.common.command.MirrorCommand;
import io.mirrormaestro.common.command.Subjects;
import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.MirrorTokenRecord;
import io.mirrormaestro.common.store.PairRecord;
import io.mirrormaestro.common.store.Sequences;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a plan that has no conflicts left to write: instances, pairs, each mirror's own token, then the mirrors
 * (adopted ones active with GitLab's mirror id, lost ones pending with a create command). Nothing here calls GitLab.
 */
@Component
class MigrationWriter {

    private final MongoTemplate mongo;
    private final TokenCipher cipher;
    private final CommandGateway commands;
    private final ActivityLog activity;
    private final Clock clock;

    MigrationWriter(
            MongoTemplate mongo, TokenCipher cipher, CommandGateway commands, ActivityLog activity, Clock clock) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.commands = commands;
        this.activity = activity;
        this.clock = clock;
    }

    MigrationPlan write(MigrationPlan plan) {
        Instant now = clock.instant();
        List<MigrationPlan.InstanceItem> instances = new ArrayList<>();
        Map<Long, Long> instanceIds = new HashMap<>();
        for (MigrationPlan.InstanceItem item : plan.instances()) {
            MigrationPlan.InstanceItem written = item;
            if (item.action().equals(MigrationPlan.CREATE)) {
                written = item.withId(insertInstance(item, now));
            }
            if (written.id() != null) {
                instanceIds.put(item.originalId(), written.id());
            }
            instances.add(written);
        }
        List<MigrationPlan.PairItem> pairs = new ArrayList<>();
        Map<Long, PairRecord> pairRecords = new HashMap<>();
        for (MigrationPlan.PairItem item : plan.pairs()) {
            MigrationPlan.PairItem written = item;
            if (item.action().equals(MigrationPlan.CREATE)) {
                written = item.withId(insertPair(item.source(), instanceIds, now));
            }
            if (written.id() != null) {
                pairRecords.put(item.originalId(), mongo.findById(written.id(), PairRecord.class));
            }
            pairs.add(written);
        }
        int toWrite =
                (int) plan.mirrors().stream().filter(MigrationWriter::writes).count();
        long nextId = toWrite == 0 ? 0 : Sequences.reserve(mongo, "mirrors", toWrite);
        List<MirrorRecord> records = new ArrayList<>();
        List<MirrorTokenRecord> ownTokens = new ArrayList<>();
        List<MirrorCommand> creates = new ArrayList<>();
        List<MigrationPlan.MirrorItem> mirrors = new ArrayList<>();
        for (MigrationPlan.MirrorItem item : plan.mirrors()) {
            if (!writes(item)) {
                mirrors.add(item);
                continue;
            }
            long id = nextId++;
            PairRecord pair = pairRecords.get(item.originalPairId());
            MirrorRecord record = mirror(id, item, pair, now);
            records.add(record);
            OriginalBackup.Mirror original = item.source();
            if (original.token() != null) {
                long remoteInstance = record.isPush() ? pair.targetInstanceId() : pair.sourceInstanceId();
                ownTokens.add(new MirrorTokenRecord(
                        id,
                        remoteInstance,
                        original.tokenName() == null ? "mirror-maestro" : original.tokenName(),
                        cipher.encrypt(original.token()),
                        original.tokenExpiresAt(),
                        original.gitlabTokenId(),
                        original.tokenProjectId(),
                        MirrorTokenRecord.FROM_ORIGINAL,
                        now));
            }
            if (item.action().equals(MigrationPlan.CREATE)) {
                UUID commandId = UUID.randomUUID();
                // the plan found GitLab without this mirror; adopting covers one made meanwhile
                creates.add(new CreateMirror(commandId, commandId, now, id, true, null));
            }
            mirrors.add(item.withId(id));
        }
        // the tokens first: a worker creating a lost mirror must find its token when the command arrives
        if (!ownTokens.isEmpty()) {
            mongo.insert(ownTokens, MirrorTokenRecord.class);
        }
        if (!records.isEmpty()) {
            mongo.insert(records, MirrorRecord.class);
        }
        commands.acceptAll(creates);
        MigrationPlan written = new MigrationPlan(false, plan.archive(), instances, pairs, mirrors, plan.notes());
        Map<String, Map<String, Long>> summary = written.summary();
        activity.configured(
                "migration:" + UUID.randomUUID(),
                "moved over from the original tool: instances " + summary.get("instances") + ", pairs "
                        + summary.get("pairs") + ", mirrors " + summary.get("mirrors"));
        return written;
    }

    private static boolean writes(MigrationPlan.MirrorItem item) {
        return item.action().equals(MigrationPlan.ADOPT) || item.action().equals(MigrationPlan.CREATE);
    }

    private long insertInstance(MigrationPlan.InstanceItem item, Instant now) {
        var facts = item.facts();
        long id = Sequences.next(mongo, "instances");
        mongo.insert(new InstanceRecord(
                id,
                item.name(),
                item.url(),
                item.source().description() == null
                        ? "moved over from the original tool"
                        : item.source().description(),
                cipher.encrypt(item.source().token()),
                facts.version(),
                facts.revision(),
                facts.edition(),
                facts.userId(),
                facts.username(),
                facts.scopes(),
                facts.expiresAt(),
                now,
                now,
                now));
        activity.configured(
                Subjects.instance(id),
                "registered instance '" + item.name() + "' (" + item.url() + ", GitLab " + facts.version()
                        + "), moved over from the original tool");
        return id;
    }

    private long insertPair(OriginalBackup.Pair original, Map<Long, Long> instanceIds, Instant now) {
        long id = Sequences.next(mongo, "pairs");
        PairRecord pair = new PairRecord(
                id,
                original.name(),
                original.description(),
                instanceIds.get(original.sourceInstanceId()),
                instanceIds.get(original.targetInstanceId()),
                original.direction(),
                original.mirrorProtectedBranches(),
                original.mirrorOverwriteDiverged(),
                original.mirrorTriggerBuilds(),
                original.onlyMirrorProtectedBranches(),
                original.mirrorBranchRegex(),
                null,
                now,
                now);
        mongo.insert(pair);
        activity.configured(
                Subjects.pair(id),
                "created instance pair '" + pair.name() + "' (" + pair.mirrorDirection()
                        + ", instance " + pair.sourceInstanceId() + " → " + pair.targetInstanceId()
                        + "), moved over from the original tool");
        return id;
    }

    private static MirrorRecord mirror(long id, MigrationPlan.MirrorItem item, PairRecord pair, Instant now) {
        OriginalBackup.Mirror original = item.source();
        boolean adopted = item.action().equals(MigrationPlan.ADOPT);
        return new MirrorRecord(
                id,
                pair.id(),
                pair.sourceInstanceId(),
                pair.targetInstanceId(),
                item.sourceProjectId(),
                original.sourceProjectPath(),
                item.targetProjectId(),
                original.targetProjectPath(),
                pair.mirrorDirection(),
                new MirrorRecord.Overrides(
                        original.mirrorProtectedBranches(),
                        original.mirrorOverwriteDiverged(),
                        original.mirrorTriggerBuilds(),
                        original.onlyMirrorProtectedBranches(),
                        original.mirrorBranchRegex(),
                        null),
                original.enabled(),
                adopted ? MirrorRecord.ACTIVE : MirrorRecord.PENDING,
                adopted ? item.gitlabMirrorId() : null,
                null,
                original.token() == null ? null : original.tokenExpiresAt(),
                adopted && item.observed() != null ? item.observed().updateStatus() : null,
                adopted ? original.lastUpdateAt() : null,
                null,
                adopted ? original.lastSuccessfulUpdate() : null,
                adopted ? original.lastError() : null,
                adopted ? now : null,
                List.of(),
                false,
                false,
                now,
                now);
    }
}
