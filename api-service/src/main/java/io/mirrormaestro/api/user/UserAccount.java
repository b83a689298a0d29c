package io.mirrormaestro.api.user;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * A user. {@code passwordHash} is the {@code PasswordEncoder}'s ({@code {bcrypt}…}); users who sign in through OpenID
 * Connect have none and take their role from the provider's claim at each sign-in.
 *
 * @param source {@code local} or {@code oidc}
 */
@Document(UserAccount.COLLECTION)
public record UserAccount(
        @Id String username,
        @Field("password_hash") String passwordHash,
        String role,
        String source,
        @Field("created_at") Instant createdAt,
        @Field("updated_at") Instant updatedAt) {

    public static final String COLLECTION = "users";
    public static final String LOCAL = "local";
    public static final String OIDC = "oidc";

    public Role roleOrViewer() {
        return Role.parse(role).orElse(Role.VIEWER);
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "UserAccount[username=" + username + ", role=" + role + ", source=" + source + "]";
    }
}
