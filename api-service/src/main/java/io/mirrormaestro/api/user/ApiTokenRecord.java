package io.mirrormaestro.api.user;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * A user's API token. Only its SHA-256 digest is stored (the token is 256 random bits, so a fast digest is enough:
 * there is nothing to guess offline), plus its first characters so its owner can tell tokens apart.
 */
@Document(ApiTokenRecord.COLLECTION)
public record ApiTokenRecord(
        @Id String id,
        String digest,
        String username,
        String name,
        String prefix,
        @Field("created_at") Instant createdAt) {

    public static final String COLLECTION = "api_tokens";

    @Override
    public String toString() {
        return "ApiTokenRecord[id=" + id + ", username=" + username + ", name=" + name + "]";
    }
}
