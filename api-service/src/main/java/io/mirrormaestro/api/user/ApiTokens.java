package io.mirrormaestro.api.user;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.problem.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Per-user API tokens: {@code mmt_} and 43 characters of 256 random bits, given back once at creation and stored as
 * their SHA-256 digest. A token acts as its user with the user's current role; it ends when revoked or when its user
 * is deleted.
 */
@Component
public class ApiTokens {

    public static final String PREFIX = "mmt_";
    private static final int SHOWN = PREFIX.length() + 4;

    private final MongoTemplate mongo;
    private final UserAccounts users;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(MongoTemplate mongo, UserAccounts users, Clock clock) {
        this.mongo = mongo;
        this.users = users;
        this.clock = clock;
        mongo.indexOps(ApiTokenRecord.class).createIndex(new Index("digest", Sort.Direction.ASC).unique());
    }

    /** A new token; its plaintext is only in the answer. */
    public record Created(ApiTokenRecord record, String token) {
        @Override
        public String toString() {
            return "Created[" + record + ", token=****]";
        }
    }

    public Created create(String username, String name) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiTokenRecord record = new ApiTokenRecord(
                UUID.randomUUID().toString(),
                digest(token),
                username,
                name,
                token.substring(0, SHOWN),
                clock.instant());
        return new Created(mongo.insert(record), token);
    }

    public List<ApiTokenRecord> list(String username) {
        return mongo.find(
                Query.query(where("username").is(username)).with(Sort.by("created_at")), ApiTokenRecord.class);
    }

    public void revoke(String username, String id) {
        if (mongo.remove(Query.query(where("_id").is(id).and("username").is(username)), ApiTokenRecord.class)
                        .getDeletedCount()
                == 0) {
            throw new NotFoundException("API token", id);
        }
    }

    public void revokeAll(String username) {
        mongo.remove(Query.query(where("username").is(username)), ApiTokenRecord.class);
    }

    /** The user a presented token belongs to, if it is one of ours and its user still exists. */
    public Optional<UserAccount> owner(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        ApiTokenRecord record = mongo.findOne(Query.query(where("digest").is(digest(token))), ApiTokenRecord.class);
        return record == null ? Optional.empty() : users.find(record.username());
    }

    static String digest(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
