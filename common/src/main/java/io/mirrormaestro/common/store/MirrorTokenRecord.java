package io.mirrormaestro.common.store;

import java.time.Instant;
import java.time.LocalDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * A token of one mirror's own, as the original tool created them: a project access token on the project the mirror
 * URL points at (the target of a push mirror, the source of a pull mirror). A mirror that has one embeds it instead
 * of a group token until it is moved to group tokens; the document is removed once GitLab holds the group token.
 * Keyed by the mirror's id, stored encrypted like every other token.
 *
 * @param gitlabTokenId the token's id in GitLab, as the original recorded it
 * @param tokenProjectId the GitLab project the token belongs to, as the original recorded it
 */
@Document(MirrorTokenRecord.COLLECTION)
public record MirrorTokenRecord(
        @Id long mirrorId,
        @Field("gitlab_instance_id") long gitlabInstanceId,
        @Field("token_name") String tokenName,
        @Field("encrypted_token") String encryptedToken,
        @Field("token_expires_at") LocalDate tokenExpiresAt,
        @Field("gitlab_token_id") Long gitlabTokenId,
        @Field("token_project_id") Long tokenProjectId,
        String origin,
        @Field("created_at") Instant createdAt) {

    public static final String COLLECTION = "mirror_tokens";

    /** Where a mirror token came from: moved over from the original tool. */
    public static final String FROM_ORIGINAL = "original";

    @Override
    public String toString() {
        return "MirrorTokenRecord[mirrorId=" + mirrorId + ", gitlabInstanceId=" + gitlabInstanceId + ", tokenName="
                + tokenName + ", encryptedToken=****, tokenExpiresAt=" + tokenExpiresAt + "]";
    }
}
