package io.mirrormaestro.api.token;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.activity.ActivityLog;
import io.mirrormaestro.api.gitlab.GitLabProbe;
import io.mirrormaestro.api.mirror.Mirrors;
import io.mirrormaestro.api.problem.ConflictException;
import io.mirrormaestro.api.store.Uniqueness;
import io.mirrormaestro.api.web.Lookups;
import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.store.GroupTokenRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.Sequences;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Group access tokens that mirror URLs embed. Each new value is shown to GitLab first (it reads its own expiry and
 * scopes); a value GitLab rejects is refused and the stored one stays.
 */
@Component
public class GroupTokens {

    private final MongoTemplate mongo;
    private final TokenCipher cipher;
    private final GitLabProbe gitlab;
    private final ActivityLog activity;
    private final Mirrors mirrors;
    private final Clock clock;

    GroupTokens(
            MongoTemplate mongo,
            TokenCipher cipher,
            GitLabProbe gitlab,
            ActivityLog activity,
            Mirrors mirrors,
            Clock clock) {
        this.mirrors = mirrors;
        this.mongo = mongo;
        this.cipher = cipher;
        this.gitlab = gitlab;
        this.activity = activity;
        this.clock = clock;
    }

    public List<GroupTokenRecord> list(Long instanceId) {
        Query query = new Query().with(Sort.by("_id"));
        if (instanceId != null) {
            query.addCriteria(where("gitlab_instance_id").is(instanceId));
        }
        return mongo.find(query, GroupTokenRecord.class);
    }

    GroupTokenRecord get(long id) {
        return Lookups.require(mongo, GroupTokenRecord.class, id, "token");
    }

    GroupTokenRecord create(long instanceId, String groupPath, String tokenName, String value) {
        InstanceRecord instance = instance(instanceId);
        requireFreePath(instanceId, groupPath, null);
        Optional<GitLabProbe.TokenFacts> facts = gitlab.readToken(instance.url(), value);
        Instant now = clock.instant();
        GroupTokenRecord token = new GroupTokenRecord(
                Sequences.next(mongo, "group_tokens"),
                instanceId,
                groupPath,
                tokenName,
                cipher.encrypt(value),
                facts.map(GitLabProbe.TokenFacts::scopes).orElse(List.of()),
                facts.map(GitLabProbe.TokenFacts::expiresAt).orElse(null),
                facts.isPresent() ? now : null,
                now,
                now);
        try {
            mongo.insert(token);
        } catch (DuplicateKeyException raced) {
            throw pathTaken(groupPath);
        }
        activity.configured(
                subject(token.id()),
                "added group token '" + tokenName + "' for " + groupPath + " on instance " + instanceId);
        return token;
    }

    /** Renames, moves to another group path, or rotates in place; null arguments stay as they are. */
    GroupTokenRecord update(long id, String groupPath, String tokenName, String value) {
        GroupTokenRecord current = get(id);
        String path = groupPath == null ? current.groupPath() : groupPath;
        if (!path.equals(current.groupPath())) {
            requireFreePath(current.gitlabInstanceId(), path, id);
        }
        GroupTokenRecord updated = new GroupTokenRecord(
                id,
                current.gitlabInstanceId(),
                path,
                tokenName == null ? current.tokenName() : tokenName,
                current.encryptedToken(),
                current.tokenScopes(),
                current.tokenExpiresAt(),
                current.tokenCheckedAt(),
                current.createdAt(),
                clock.instant());
        if (value != null) {
            Optional<GitLabProbe.TokenFacts> facts =
                    gitlab.readToken(instance(current.gitlabInstanceId()).url(), value);
            updated = new GroupTokenRecord(
                    id,
                    updated.gitlabInstanceId(),
                    updated.groupPath(),
                    updated.tokenName(),
                    cipher.encrypt(value),
                    facts.map(GitLabProbe.TokenFacts::scopes).orElse(List.of()),
                    facts.map(GitLabProbe.TokenFacts::expiresAt).orElse(null),
                    facts.isPresent() ? clock.instant() : null,
                    updated.createdAt(),
                    updated.updatedAt());
        }
        try {
            mongo.save(updated);
        } catch (DuplicateKeyException raced) {
            throw pathTaken(path);
        }
        activity.configured(
                subject(id),
                (value != null ? "rotated" : "changed") + " group token '" + updated.tokenName() + "' for "
                        + updated.groupPath());
        if (value != null) {
            mirrors.rotateAllUsing(id); // GitLab keeps the old value in every mirror URL until we replace it
        }
        return updated;
    }

    void delete(long id) {
        GroupTokenRecord current = get(id);
        mongo.remove(Query.query(where("_id").is(id)), GroupTokenRecord.class);
        activity.configured(
                subject(id), "deleted group token '" + current.tokenName() + "' for " + current.groupPath());
    }

    private InstanceRecord instance(long id) {
        return Lookups.require(mongo, InstanceRecord.class, id, "GitLab instance");
    }

    private void requireFreePath(long instanceId, String groupPath, Long exceptId) {
        Uniqueness.require(
                mongo,
                GroupTokenRecord.class,
                where("gitlab_instance_id").is(instanceId).and("group_path").is(groupPath),
                exceptId,
                pathTaken(groupPath));
    }

    private static ConflictException pathTaken(String groupPath) {
        return new ConflictException(
                "group_path", "a token for group '" + groupPath + "' already exists for this GitLab instance");
    }

    private static String subject(long id) {
        return "token:" + id;
    }
}
