package io.mirrormaestro.common.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * A group access token that mirror URLs embed for projects under {@code groupPath} on one instance. Stored
 * encrypted; expiry and scopes as GitLab reported them when the token was added or rotated.
 */
@Document(GroupTokenRecord.COLLECTION)
public record GroupTokenRecord(
        @Id long id,
        @Field("gitlab_instance_id") long gitlabInstanceId,
        @Field("group_path") String groupPath,
        @Field("token_name") String tokenName,
        @Field("encrypted_token") String encryptedToken,
        @Field("token_scopes") List<String> tokenScopes,
        @Field("token_expires_at") LocalDate tokenExpiresAt,
        @Field("token_checked_at") Instant tokenCheckedAt,
        @Field("created_at") Instant createdAt,
        @Field("updated_at") Instant updatedAt) {

    public static final String COLLECTION = "group_tokens";
}
