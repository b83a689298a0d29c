package io.mirrormaestro.common.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/** A registered GitLab instance. The token is only ever stored encrypted ({@code TokenCipher}). */
@Document(InstanceRecord.COLLECTION)
public record InstanceRecord(
        @Id long id,
        String name,
        String url,
        String description,
        @Field("encrypted_token") String encryptedToken,
        @Field("gitlab_version") String gitlabVersion,
        @Field("gitlab_revision") String gitlabRevision,
        @Field("gitlab_edition") String gitlabEdition,
        @Field("token_user_id") Long tokenUserId,
        @Field("token_username") String tokenUsername,
        @Field("token_scopes") List<String> tokenScopes,
        @Field("token_expires_at") LocalDate tokenExpiresAt,
        @Field("last_checked_at") Instant lastCheckedAt,
        @Field("created_at") Instant createdAt,
        @Field("updated_at") Instant updatedAt) {

    public static final String COLLECTION = "instances";
}
