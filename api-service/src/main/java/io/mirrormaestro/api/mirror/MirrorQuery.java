package io.mirrormaestro.api.mirror;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.mirrormaestro.api.problem.UnprocessableException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The filters, sort and page of {@code GET /api/mirrors}, turned into one MongoDB query so the server does the
 * work and totals are exact.
 */
record MirrorQuery(
        Long pairId,
        String status,
        String groupPath,
        String search,
        Boolean enabled,
        String tokenStatus,
        int page,
        int pageSize,
        String orderBy,
        String orderDir) {

    static final Map<String, String> ORDER_FIELDS = Map.of(
            "id", "_id",
            "source_project_path", "source_project_path",
            "target_project_path", "target_project_path",
            "status", "last_update_status",
            "last_update_status", "last_update_status",
            "last_successful_update", "last_successful_update",
            "last_update_at", "last_update_at",
            "created_at", "created_at",
            "updated_at", "updated_at");

    MirrorQuery {
        if (!ORDER_FIELDS.containsKey(orderBy)) {
            throw new UnprocessableException(
                    "order_by", "must be one of " + new java.util.TreeSet<>(ORDER_FIELDS.keySet()));
        }
        if (!orderDir.equals("asc") && !orderDir.equals("desc")) {
            throw new UnprocessableException("order_dir", "must be 'asc' or 'desc'");
        }
        if (tokenStatus != null
                && !Set.of("active", "expiring_soon", "expired", "unknown").contains(tokenStatus)) {
            throw new UnprocessableException("token_status", "must be active, expiring_soon, expired or unknown");
        }
    }

    Query filter(LocalDate today) {
        // every condition is one element of a single $and: MongoDB documents cannot hold two $or keys
        List<Criteria> all = new ArrayList<>();
        if (pairId != null) {
            all.add(MirrorCriteria.inPair(pairId));
        }
        if (enabled != null) {
            all.add(where("enabled").is(enabled));
        }
        if (status != null && !status.isBlank()) {
            all.add(MirrorCriteria.status(status.trim().toLowerCase(Locale.ROOT)));
        }
        if (groupPath != null && !groupPath.isBlank()) {
            all.add(MirrorCriteria.underGroup(groupPath));
        }
        if (search != null && !search.isBlank()) {
            Pattern text = Pattern.compile(Pattern.quote(search.trim()), Pattern.CASE_INSENSITIVE);
            all.add(new Criteria()
                    .orOperator(
                            where("source_project_path").regex(text),
                            where("target_project_path").regex(text)));
        }
        if (tokenStatus != null) {
            all.add(tokenCriteria(tokenStatus, today));
        }
        return all.isEmpty() ? new Query() : new Query(new Criteria().andOperator(all));
    }

    Query page(LocalDate today) {
        Sort.Direction direction = orderDir.equals("asc") ? Sort.Direction.ASC : Sort.Direction.DESC;
        Sort sort = Sort.by(direction, ORDER_FIELDS.get(orderBy));
        if (!orderBy.equals("id")) {
            sort = sort.and(Sort.by(Sort.Direction.ASC, "_id")); // stable pages
        }
        return filter(today).with(sort).skip((long) (page - 1) * pageSize).limit(pageSize);
    }

    private static Criteria tokenCriteria(String tokenStatus, LocalDate today) {
        LocalDate soon = today.plusDays(TokenStatus.SOON_DAYS);
        return switch (tokenStatus) {
            case "expired" -> where("token_expires_at").lte(today);
            case "expiring_soon" -> where("token_expires_at").gt(today).lte(soon);
            case "active" -> where("token_expires_at").gt(soon);
            default -> where("token_expires_at").is(null);
        };
    }
}
