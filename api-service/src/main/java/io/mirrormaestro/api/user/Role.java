package io.mirrormaestro.api.user;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user may do. Each role includes the ones below it (a role hierarchy in Spring Security): {@code admin}
 * everything, users and backup included; {@code operator} every change to mirrors, pairs, tokens, instances, imports,
 * batches and syncs; {@code viewer} reads only.
 */
public enum Role {
    ADMIN(List.of("read", "write", "users", "backup")),
    OPERATOR(List.of("read", "write")),
    VIEWER(List.of("read"));

    private final List<String> permissions;

    Role(List<String> permissions) {
        this.permissions = permissions;
    }

    /** As the API and the settings spell it: {@code admin}, {@code operator}, {@code viewer}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Spring Security's authority name, {@code ROLE_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** What the UI may offer: {@code read}, {@code write}, {@code users}, {@code backup}. */
    public List<String> permissions() {
        return permissions;
    }

    public static Optional<Role> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim();
        return Arrays.stream(values())
                .filter(r -> r.wireName().equalsIgnoreCase(wanted))
                .findFirst();
    }

    /** The role of a set of granted authorities: the highest one held. */
    public static Optional<Role> ofAuthorities(java.util.Collection<String> authorities) {
        return Arrays.stream(values())
                .filter(r -> authorities.contains(r.authority()))
                .findFirst();
    }

    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(Role::wireName).toList());
    }
}
