package io.mirrormaestro.api.mirror;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.regex.Pattern;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * How mirrors are picked in MongoDB, one rule each, for the mirror list ({@code GET /api/mirrors}) and for the
 * selection of a bulk operation ({@code POST /api/mirrors/batch}).
 */
public final class MirrorCriteria {

    private MirrorCriteria() {}

    /** The mirrors of one instance pair. */
    public static Criteria inPair(long pairId) {
        return where("instance_pair_id").is(pairId);
    }

    /**
     * Mirrors whose source or target project lies under {@code groupPath} (subgroups included; trailing slashes and
     * surrounding blanks do not count).
     */
    public static Criteria underGroup(String groupPath) {
        Pattern under = Pattern.compile("^" + Pattern.quote(groupPath.trim().replaceAll("/+$", "")) + "/");
        return new Criteria()
                .orOperator(
                        where("source_project_path").regex(under),
                        where("target_project_path").regex(under));
    }

    /** Broken either way: creation failed here ({@code lifecycle}), or GitLab's last sync failed. */
    public static Criteria failed() {
        return new Criteria()
                .orOperator(
                        where("lifecycle").is("failed"),
                        where("last_update_status").is("failed"));
    }

    /** GitLab's own {@code update_status} as last seen, kept open: GitLab may add values. */
    public static Criteria lastUpdateStatus(String status) {
        return where("last_update_status").is(status);
    }

    /**
     * The mirror list's status filter, {@code status} in lower case: {@code stuck}, {@code orphaned},
     * {@code drifted}, {@link #failed() failed}, a lifecycle ({@code pending}, {@code active}, {@code deleting}), or
     * else {@link #lastUpdateStatus GitLab's own}.
     */
    public static Criteria status(String status) {
        return switch (status) {
            case "stuck" -> where("stuck").is(true);
            case "orphaned" -> where("orphaned").is(true);
            case "drifted" -> where("drift.0").exists(true);
            case "failed" -> failed();
            case "pending", "active", "deleting" -> where("lifecycle").is(status);
            default -> lastUpdateStatus(status);
        };
    }
}
