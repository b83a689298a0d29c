package io.mirrormaestro.api.migrate;

import static io.mirrormaestro.api.migrate.MigrationPlan.ADOPT;
import static io.mirrormaestro.api.migrate.MigrationPlan.CONFLICT;
import static io.mirrormaestro.api.migrate.MigrationPlan.CREATE;
import static io.mirrormaestro.api.migrate.MigrationPlan.EXISTING;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.gitlab.GitLabProbe;
import io.mirrormaestro.api.problem.BadRequestException;
import io.mirrormaestro.api.problem.GitLabReadException;
import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.settings.RepositoryUrls;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.MirrorCollection;
import io.mirrormaestro.common.store.MirrorRecord;
import io.mirrormaestro.common.store.PairRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Decides, for each instance, pair and mirror of a backup, what moving it over does, reading our store and GitLab
 * (never writing either). A mirror is adopted only when GitLab confirms it: the remote mirror the original recorded
 * exists on the source project and points at the target project's repository (for a pull mirror: the target
 * project pulls from the source's). A remote mirror with that id pointing elsewhere is someone else's: a conflict,
 * never touched. One that is gone while another points at the target is adopted by URL; none at all means GitLab lost
 * it, and a new one is created, as the original's records say it should exist.
 */
@Component
class MigrationPlanner {

    private final MongoTemplate mongo;
    private final GitLabProbe gitlab;
    private final TokenCipher cipher;

    MigrationPlanner(MongoTemplate mongo, GitLabProbe gitlab, TokenCipher cipher) {
        this.mongo = mongo;
        this.gitlab = gitlab;
        this.cipher = cipher;
    }

    MigrationPlan plan(OriginalBackup backup, Map<String, String> urlMap, boolean dryRun) {
        List<String> notes = new ArrayList<>();
        Map<Long, MigrationPlan.InstanceItem> instances = new LinkedHashMap<>();
        Map<Long, String> tokens = new HashMap<>();
        for (OriginalBackup.Instance original : backup.instances()) {
            String url = urlMap.getOrDefault(
                    InstanceUrlMap.normalize(original.url()), InstanceUrlMap.normalize(original.url()));
            MigrationPlan.InstanceItem item = instance(original, url, tokens);
            instances.put(original.id(), item);
        }
        Map<Long, MigrationPlan.PairItem> pairs = new LinkedHashMap<>();
        for (OriginalBackup.Pair original : backup.pairs()) {
            pairs.put(original.id(), pair(original, instances));
        }
        List<MigrationPlan.MirrorItem> mirrors = new ArrayList<>();
        Map<String, List<GitLabProbe.ExistingMirror>> pushMirrorsByProject = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (OriginalBackup.Mirror original : backup.mirrors()) {
            OriginalBackup.Pair pair = backup.pairs().stream()
                    .filter(p -> p.id() == original.pairId())
                    .findFirst()
                    .orElseThrow();
            mirrors.add(mirror(original, pair, pairs.get(pair.id()), instances, tokens, pushMirrorsByProject, seen));
        }
        if (backup.users() > 0) {
            notes.add("the backup holds " + backup.users() + " users of the original; they are not moved over:"
                    + " add users here");
        }
        if (backup.mirrors().stream().anyMatch(m -> m.token() == null)) {
            notes.add("mirrors without a token of their own use the group tokens of their target group;"
                    + " add those before the move");
        }
        Map<String, Object> archive = new LinkedHashMap<>();
        archive.put("version", backup.version());
        archive.put("counts", OriginalBackup.counts(backup));
        return new MigrationPlan(
                dryRun, archive, List.copyOf(instances.values()), List.copyOf(pairs.values()), mirrors, notes);
    }

    private MigrationPlan.InstanceItem instance(
            OriginalBackup.Instance original, String url, Map<Long, String> tokens) {
        String originalUrl = InstanceUrlMap.normalize(original.url());
        InstanceRecord sameUrl = mongo.findOne(Query.query(where("url").is(url)), InstanceRecord.class);
        if (sameUrl != null) {
            tokens.put(original.id(), cipher.decrypt(sameUrl.encryptedToken()));
            return new MigrationPlan.InstanceItem(
                    original.id(),
                    original.name(),
                    originalUrl,
                    url,
                    EXISTING,
                    "registered here already as instance " + sameUrl.id() + " ('" + sameUrl.name()
                            + "'): used as it is, with its token",
                    sameUrl.id(),
                    original,
                    null);
        }
        InstanceRecord sameName = mongo.findOne(Query.query(where("name").is(original.name())), InstanceRecord.class);
        if (sameName != null) {
            return conflict(
                    original,
                    originalUrl,
                    url,
                    "an instance named '" + original.name() + "' is registered here" + " already with another URL ("
                            + sameName.url() + "); rename one of them");
        }
        try {
            GitLabProbe.InstanceFacts facts = gitlab.checkInstance(url, original.token());
            tokens.put(original.id(), original.token());
            return new MigrationPlan.InstanceItem(
                    original.id(),
                    original.name(),
                    originalUrl,
                    url,
                    CREATE,
                    "GitLab " + facts.version() + " accepts the original's token (user " + facts.username() + ")",
                    null,
                    original,
                    facts);
        } catch (BadRequestException e) {
            return conflict(
                    original,
                    originalUrl,
                    url,
                    "GitLab at " + url + " cannot be used with the original's token: " + e.reason()
                            + (url.equals(originalUrl) ? "; if it moved, give its new URL (instance_url)" : ""));
        }
    }

    private static MigrationPlan.InstanceItem conflict(
            OriginalBackup.Instance original, String originalUrl, String url, String why) {
        return new MigrationPlan.InstanceItem(
                original.id(), original.name(), originalUrl, url, CONFLICT, why, null, original, null);
    }

    private MigrationPlan.PairItem pair(OriginalBackup.Pair original, Map<Long, MigrationPlan.InstanceItem> instances) {
        MigrationPlan.InstanceItem source = instances.get(original.sourceInstanceId());
        MigrationPlan.InstanceItem target = instances.get(original.targetInstanceId());
        for (MigrationPlan.InstanceItem side : List.of(source, target)) {
            if (side.action().equals(CONFLICT)) {
                return pairItem(original, CONFLICT, "its instance '" + side.name() + "' is in conflict", null);
            }
        }
        PairRecord sameName = mongo.findOne(Query.query(where("name").is(original.name())), PairRecord.class);
        if (sameName == null) {
            return pairItem(original, CREATE, original.direction() + " pair with the original's defaults", null);
        }
        boolean same = Objects.equals(source.id(), sameName.sourceInstanceId())
                && Objects.equals(target.id(), sameName.targetInstanceId())
                && sameName.mirrorDirection().equals(original.direction());
        return same
                ? pairItem(
                        original,
                        EXISTING,
                        "the pair " + sameName.id() + " of that name is used (its defaults kept)",
                        sameName.id())
                : pairItem(
                        original,
                        CONFLICT,
                        "a pair named '" + original.name() + "' exists here already between other instances or in"
                                + " another direction (pair " + sameName.id() + ")",
                        null);
    }

    private static MigrationPlan.PairItem pairItem(
            OriginalBackup.Pair original, String action, String detail, Long id) {
        return new MigrationPlan.PairItem(
                original.id(),
                original.name(),
                original.direction(),
                original.sourceInstanceId(),
                original.targetInstanceId(),
                action,
                detail,
                id,
                original);
    }

    private MigrationPlan.MirrorItem mirror(
            OriginalBackup.Mirror original,
            OriginalBackup.Pair pair,
            MigrationPlan.PairItem pairItem,
            Map<Long, MigrationPlan.InstanceItem> instances,
            Map<Long, String> tokens,
            Map<String, List<GitLabProbe.ExistingMirror>> pushMirrorsByProject,
            Set<String> seen) {
        String token = original.token() == null
                ? "group tokens"
                : "its own project access token '" + original.tokenName() + "'"
                        + (original.tokenExpiresAt() == null ? "" : " (expires " + original.tokenExpiresAt() + ")");
        MirrorDraft draft = new MirrorDraft(original, pair.direction(), token);
        if (pairItem.action().equals(CONFLICT)) {
            return draft.item(CONFLICT, "its pair '" + pair.name() + "' is in conflict", null, null, null);
        }
        if (!seen.add(original.sourceProjectPath() + "\n" + original.targetProjectPath() + "\n" + pair.direction()
                + "\n" + pair.sourceInstanceId() + "\n" + pair.targetInstanceId())) {
            return draft.item(CONFLICT, "the backup holds this mirror twice", null, null, null);
        }
        MigrationPlan.InstanceItem source = instances.get(pair.sourceInstanceId());
        MigrationPlan.InstanceItem target = instances.get(pair.targetInstanceId());
        String sourceToken = tokens.get(source.originalId());
        String targetToken = tokens.get(target.originalId());
        try {
            Optional<GitLabProbe.ProjectSummary> sourceProject =
                    gitlab.project(source.url(), sourceToken, original.sourceProjectPath());
            if (sourceProject.isEmpty()) {
                return draft.item(
                        CONFLICT,
                        "source project " + original.sourceProjectPath() + " not found on " + source.url(),
                        null,
                        null,
                        null);
            }
            Optional<GitLabProbe.ProjectSummary> targetProject =
                    gitlab.project(target.url(), targetToken, original.targetProjectPath());
            if (targetProject.isEmpty()) {
                return draft.item(
                        CONFLICT,
                        "target project " + original.targetProjectPath() + " not found on " + target.url(),
                        null,
                        null,
                        null);
            }
            long sourceId = sourceProject.get().id();
            long targetId = targetProject.get().id();
            if (source.id() != null && target.id() != null) {
                Optional<MirrorRecord> stored = MirrorCollection.covering(
                        mongo, source.id(), sourceId, target.id(), targetId, pair.direction());
                if (stored.isPresent()) {
                    return Objects.equals(stored.get().mirrorId(), original.gitlabMirrorId())
                            ? draft.item(
                                    EXISTING,
                                    "moved over before: mirror " + stored.get().id(),
                                    stored.get().id(),
                                    sourceId,
                                    targetId)
                            : draft.item(CONFLICT, stored.get().alreadyMirrored(), null, sourceId, targetId);
                }
            }
            String moved = idNote(original, sourceId, targetId);
            if (pair.direction().equals("push")) {
                String wanted = RepositoryUrls.of(target.url(), original.targetProjectPath());
                List<GitLabProbe.ExistingMirror> onProject = pushMirrorsByProject.computeIfAbsent(
                        source.url() + "\n" + sourceId, k -> gitlab.pushMirrors(source.url(), sourceToken, sourceId));
                Optional<GitLabProbe.ExistingMirror> byId = onProject.stream()
                        .filter(m -> Objects.equals(m.id(), original.gitlabMirrorId()))
                        .findFirst();
                if (byId.isPresent()) {
                    if (RepositoryUrls.pointsAt(byId.get().url(), wanted)) {
                        return draft.adopt(
                                byId.get(),
                                "GitLab push mirror " + byId.get().id() + " on " + original.sourceProjectPath()
                                        + " points at " + wanted + moved,
                                sourceId,
                                targetId);
                    }
                    return draft.item(
                            CONFLICT,
                            "GitLab push mirror " + original.gitlabMirrorId() + " on "
                                    + original.sourceProjectPath() + " points at "
                                    + byId.get().url() + ", not at " + wanted
                                    + ": not adopted, and nothing is created beside it",
                            null,
                            sourceId,
                            targetId);
                }
                Optional<GitLabProbe.ExistingMirror> byUrl = onProject.stream()
                        .filter(m -> RepositoryUrls.pointsAt(m.url(), wanted))
                        .findFirst();
                if (byUrl.isPresent()) {
                    return draft.adopt(
                            byUrl.get(),
                            "GitLab push mirror " + original.gitlabMirrorId()
                                    + " is gone, but push mirror " + byUrl.get().id() + " points at " + wanted
                                    + ": that one is adopted" + moved,
                            sourceId,
                            targetId);
                }
                return draft.item(
                        CREATE,
                        "GitLab push mirror " + original.gitlabMirrorId() + " no longer exists on "
                                + original.sourceProjectPath() + ": a new one is created" + moved,
                        null,
                        sourceId,
                        targetId);
            }
            String wanted = RepositoryUrls.of(source.url(), original.sourceProjectPath());
            Optional<GitLabProbe.ExistingMirror> pull = gitlab.pullMirror(target.url(), targetToken, targetId);
            if (pull.isPresent() && RepositoryUrls.pointsAt(pull.get().url(), wanted)) {
                return draft.adopt(
                        pull.get(), original.targetProjectPath() + " pulls from " + wanted + moved, sourceId, targetId);
            }
            if (pull.isPresent()) {
                return draft.item(
                        CONFLICT,
                        original.targetProjectPath() + " pulls from "
                                + pull.get().url() + ", not from " + wanted + ": not adopted, not changed",
                        null,
                        sourceId,
                        targetId);
            }
            return draft.item(
                    CREATE,
                    original.targetProjectPath() + " is not pull-mirrored: pull mirroring is" + " configured again"
                            + moved,
                    null,
                    sourceId,
                    targetId);
        } catch (GitLabReadException e) {
            return draft.item(CONFLICT, "cannot be checked in GitLab: " + e.getMessage(), null, null, null);
        }
    }

    private static String idNote(OriginalBackup.Mirror original, long sourceId, long targetId) {
        List<String> changed = new ArrayList<>();
        if (original.sourceProjectId() != sourceId) {
            changed.add("source project id " + original.sourceProjectId() + " → " + sourceId);
        }
        if (original.targetProjectId() != targetId) {
            changed.add("target project id " + original.targetProjectId() + " → " + targetId);
        }
        return changed.isEmpty() ? "" : " (found by path; " + String.join(", ", changed) + ")";
    }

    /** A mirror item's fixed parts, before its action is known. */
    private record MirrorDraft(OriginalBackup.Mirror original, String direction, String token) {

        MigrationPlan.MirrorItem item(String action, String detail, Long id, Long sourceId, Long targetId) {
            return new MigrationPlan.MirrorItem(
                    original.id(),
                    original.pairId(),
                    original.sourceProjectPath(),
                    original.targetProjectPath(),
                    direction,
                    original.gitlabMirrorId(),
                    action,
                    detail,
                    token,
                    id,
                    original,
                    sourceId,
                    targetId,
                    null);
        }

        MigrationPlan.MirrorItem adopt(GitLabProbe.ExistingMirror found, String detail, long sourceId, long targetId) {
            return new MigrationPlan.MirrorItem(
                    original.id(),
                    original.pairId(),
                    original.sourceProjectPath(),
                    original.targetProjectPath(),
                    direction,
                    found.id(),
                    ADOPT,
                    detail,
                    token,
                    null,
                    original,
                    sourceId,
                    targetId,
                    found);
        }
    }
}
