package io.mirrormaestro.api.instance;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.activity.ActivityLog;
import io.mirrormaestro.api.gitlab.GitLabProbe;
import io.mirrormaestro.api.problem.BadRequestException;
import io.mirrormaestro.api.problem.ConflictException;
import io.mirrormaestro.api.store.Cascade;
import io.mirrormaestro.api.store.Uniqueness;
import io.mirrormaestro.api.web.Lookups;
import io.mirrormaestro.common.command.Subjects;
import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.Sequences;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Registering, changing and removing GitLab instances. Every token is checked against GitLab before it is stored,
 * so a failed rotation leaves the old token in place.
 */
@Component
class Instances {

    private final MongoTemplate mongo;
    private final TokenCipher cipher;
    private final GitLabProbe gitlab;
    private final Cascade cascade;
    private final ActivityLog activity;
    private final ApiSettings settings;
    private final Clock clock;

    Instances(
            MongoTemplate mongo,
            TokenCipher cipher,
            GitLabProbe gitlab,
            Cascade cascade,
            ActivityLog activity,
            ApiSettings settings,
            Clock clock) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.gitlab = gitlab;
        this.cascade = cascade;
        this.activity = activity;
        this.settings = settings;
        this.clock = clock;
    }

    List<InstanceRecord> list(String search) {
        Query query = new Query().with(Sort.by("_id"));
        if (search != null && !search.isBlank()) {
            Pattern contains = Pattern.compile(Pattern.quote(search.trim()), Pattern.CASE_INSENSITIVE);
            query.addCriteria(new Criteria()
                    .orOperator(
                            where("name").regex(contains),
                            where("url").regex(contains),
                            where("description").regex(contains)));
        }
        return mongo.find(query, InstanceRecord.class);
    }

    InstanceRecord get(long id) {
        return Lookups.require(mongo, InstanceRecord.class, id, "instance");
    }

    InstanceRecord create(String name, String rawUrl, String token, String description) {
        String url = checkedUrl(rawUrl);
        requireFreeName(name, null);
        GitLabProbe.InstanceFacts facts = gitlab.checkInstance(url, token);
        Instant now = clock.instant();
        InstanceRecord record = new InstanceRecord(
                Sequences.next(mongo, "instances"),
                name,
                url,
                description,
                cipher.encrypt(token),
                facts.version(),
                facts.revision(),
                facts.edition(),
                facts.userId(),
                facts.username(),
                facts.scopes(),
                facts.expiresAt(),
                now,
                now,
                now);
        try {
            mongo.insert(record);
        } catch (DuplicateKeyException raced) {
            throw nameTaken(name);
        }
        activity.configured(
                subject(record.id()),
                "registered instance '" + name + "' (" + url + ", GitLab " + facts.version() + ")");
        return record;
    }

    InstanceRecord update(
            long id, String name, String rawUrl, String token, boolean descriptionSent, String description) {
        InstanceRecord current = get(id);
        Update update = new Update();
        StringBuilder changed = new StringBuilder();
        if (name != null && !name.equals(current.name())) {
            requireFreeName(name, id);
            update.set("name", name);
            changed.append(" name");
        }
        String url = current.url();
        if (rawUrl != null && !checkedUrl(rawUrl).equals(current.url())) {
            if (cascade.pairsUsing(id) > 0) {
                throw new BadRequestException(
                        "url",
                        "cannot change once the instance is used by an instance pair; create a new instance instead");
            }
            url = checkedUrl(rawUrl);
            update.set("url", url);
            changed.append(" url");
        }
        if (token != null || !url.equals(current.url())) {
            // a new URL needs the token to be checked against it too; a failed check leaves everything as it was
            String effectiveToken = token != null ? token : cipher.decrypt(current.encryptedToken());
            GitLabProbe.InstanceFacts facts = gitlab.checkInstance(url, effectiveToken);
            update.set("encrypted_token", cipher.encrypt(effectiveToken))
                    .set("gitlab_version", facts.version())
                    .set("gitlab_revision", facts.revision())
                    .set("gitlab_edition", facts.edition())
                    .set("token_user_id", facts.userId())
                    .set("token_username", facts.username())
                    .set("token_scopes", facts.scopes())
                    .set("token_expires_at", facts.expiresAt())
                    .set("last_checked_at", clock.instant());
            if (token != null) {
                changed.append(" token");
            }
        }
        if (descriptionSent && !java.util.Objects.equals(description, current.description())) {
            update.set("description", description);
            changed.append(" description");
        }
        if (changed.isEmpty()) {
            return current;
        }
        update.set("updated_at", clock.instant());
        try {
            mongo.updateFirst(Query.query(where("_id").is(id)), update, InstanceRecord.class);
        } catch (DuplicateKeyException raced) {
            throw nameTaken(name);
        }
        activity.configured(subject(id), "changed instance '" + current.name() + "':" + changed);
        return get(id);
    }

    Map<String, Long> impactOfDelete(long id) {
        get(id);
        return cascade.impactOfInstance(id);
    }

    Map<String, Long> delete(long id) {
        InstanceRecord current = get(id);
        Map<String, Long> removed = cascade.deleteInstance(id);
        activity.configured(subject(id), "deleted instance '" + current.name() + "' with " + removed);
        return removed;
    }

    String token(InstanceRecord instance) {
        return cipher.decrypt(instance.encryptedToken());
    }

    private String checkedUrl(String raw) {
        String url = InstanceUrls.normalize(raw);
        AddressPolicy.check(url, settings.allowPrivateAddresses()).ifPresent(reason -> {
            throw new BadRequestException("url", reason);
        });
        return url;
    }

    private void requireFreeName(String name, Long exceptId) {
        Uniqueness.require(mongo, InstanceRecord.class, where("name").is(name), exceptId, nameTaken(name));
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("name", "an instance named '" + name + "' already exists");
    }

    static String subject(long id) {
        return Subjects.instance(id);
    }
}
