package io.mirrormaestro.gitlab.simulator.tokens;

import io.mirrormaestro.gitlab.simulator.model.GroupRec;
import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.ProjectRec;
import io.mirrormaestro.gitlab.simulator.model.TokenKind;
import io.mirrormaestro.gitlab.simulator.model.TokenRec;
import io.mirrormaestro.gitlab.simulator.model.UserRec;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Creation, rotation and revocation of all token kinds. */
public final class TokenService {
    public static final Set<String> PERSONAL_SCOPES = Set.of(
            "api",
            "read_api",
            "read_user",
            "create_runner",
            "manage_runner",
            "k8s_proxy",
            "read_repository",
            "write_repository",
            "read_registry",
            "write_registry",
            "read_virtual_registry",
            "write_virtual_registry",
            "read_observability",
            "write_observability",
            "ai_features",
            "sudo",
            "admin_mode",
            "read_service_ping",
            "self_rotate");
    public static final Set<String> RESOURCE_SCOPES = Set.of(
            "api",
            "read_api",
            "read_repository",
            "write_repository",
            "read_registry",
            "write_registry",
            "read_virtual_registry",
            "write_virtual_registry",
            "create_runner",
            "manage_runner",
            "ai_features",
            "k8s_proxy",
            "read_observability",
            "write_observability",
            "self_rotate");
    /** GitLab's maximum token lifetime and the default for new resource tokens. */
    public static final int MAX_LIFETIME_DAYS = 365;
    /** A rotated token without an explicit expiry lives one week. */
    public static final int ROTATION_DEFAULT_DAYS = 7;

    private final InstanceState state;

    public TokenService(InstanceState state) {
        this.state = state;
    }

    public TokenRec createPersonal(
            UserRec user, String name, List<String> scopes, LocalDate expiresAt, String explicitValue) {
        return state.createToken(TokenKind.PERSONAL, user, 0, name, null, scopes, expiresAt, explicitValue, 0);
    }

    public TokenRec createGroupToken(
            GroupRec group,
            String name,
            String description,
            List<String> scopes,
            int accessLevel,
            LocalDate expiresAt,
            String explicitValue) {
        synchronized (state.lock) {
            UserRec bot = state.createBot("group", group.id, name);
            group.members.put(bot.id, accessLevel);
            return state.createToken(
                    TokenKind.GROUP, bot, group.id, name, description, scopes, expiresAt, explicitValue, 0);
        }
    }

    public TokenRec createProjectToken(
            ProjectRec project,
            String name,
            String description,
            List<String> scopes,
            int accessLevel,
            LocalDate expiresAt,
            String explicitValue) {
        synchronized (state.lock) {
            UserRec bot = state.createBot("project", project.id, name);
            project.members.put(bot.id, accessLevel);
            return state.createToken(
                    TokenKind.PROJECT, bot, project.id, name, description, scopes, expiresAt, explicitValue, 0);
        }
    }

    /** The old token is revoked at once; the new one keeps name, scopes, user and role. */
    public TokenRec rotate(TokenRec old, LocalDate expiresAt) {
        synchronized (state.lock) {
            LocalDate expiry =
                    expiresAt != null ? expiresAt : state.clock.today().plusDays(ROTATION_DEFAULT_DAYS);
            old.revoked = true;
            TokenRec fresh = state.createToken(
                    old.kind, old.user, old.resourceId, old.name, old.description, old.scopes, expiry, null, old.id);
            old.successorId = fresh.id;
            return fresh;
        }
    }

    public void revoke(TokenRec token) {
        token.revoked = true;
    }

    /** Null when fine, else the reason GitLab would give. */
    public String validateExpiry(LocalDate expiresAt) {
        if (expiresAt == null) {
            return null;
        }
        LocalDate today = state.clock.today();
        if (!expiresAt.isAfter(today)) {
            return "Expiration date must be in the future";
        }
        if (expiresAt.isAfter(today.plusDays(MAX_LIFETIME_DAYS))) {
            return "Expiration date must be before " + today.plusDays(MAX_LIFETIME_DAYS + 1);
        }
        return null;
    }
}
