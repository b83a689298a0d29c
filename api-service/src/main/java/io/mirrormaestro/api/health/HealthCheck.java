package io.mirrormaestro.api.health;

import io.mirrormaestro.api.ApiApplication;
import io.mirrormaestro.api.estate.EstateCounts;
import io.mirrormaestro.api.estate.EstateReads;
import io.mirrormaestro.common.store.GroupTokenRecord;
import io.mirrormaestro.common.store.InstanceRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The health report: {@code unhealthy} when MongoDB does not answer or fewer than half of the mirrors that synced
 * succeeded; {@code degraded} when Kafka is unreachable, commands wait for absent workers, any mirror failed, a token
 * expired or expires within 30 days, or a probed instance is not healthy; else {@code healthy}.
 */
@Component
class HealthCheck {

    static final int TOKEN_SOON_DAYS = 30;
    static final String VERSION = version();

    private final MongoTemplate mongo;
    private final EstateCounts counts;
    private final ComponentProbes probes;
    private final Clock clock;

    HealthCheck(MongoTemplate mongo, EstateCounts counts, ComponentProbes probes, Clock clock) {
        this.mongo = mongo;
        this.counts = counts;
        this.probes = probes;
        this.clock = clock;
    }

    record Report(
            String status,
            Instant timestamp,
            String version,
            List<ComponentProbes.ComponentHealth> components,
            Mirrors mirrors,
            Tokens tokens,
            List<ComponentProbes.InstanceHealth> instances) {}

    /** {@code health_percentage}: of the mirrors whose last sync has a result, the share that succeeded. */
    record Mirrors(
            long total,
            long enabled,
            long disabled,
            long success,
            long failed,
            long pending,
            long unknown,
            double healthPercentage) {}

    /** Instance tokens and group tokens together; {@code unknown_expiry}: GitLab reported no expiry. */
    record Tokens(long totalWithTokens, long active, long expiringSoon, long expired, long unknownExpiry) {}

    record Quick(String status, Instant timestamp) {}

    Quick quick() {
        return new Quick(probes.mongodb().status().equals("healthy") ? "healthy" : "unhealthy", clock.instant());
    }

    Report report(boolean checkInstances) {
        List<ComponentProbes.ComponentHealth> components = new ArrayList<>();
        ComponentProbes.ComponentHealth db = probes.mongodb();
        components.add(db);
        if (!db.status().equals("healthy")) {
            components.add(probes.kafka());
            return new Report("unhealthy", clock.instant(), VERSION, components, null, null, null);
        }
        components.add(probes.kafka());
        components.add(probes.workers());
        Mirrors mirrors = mirrors();
        components.add(mirrorsComponent(mirrors));
        Tokens tokens = tokens();
        components.add(tokensComponent(tokens));
        List<ComponentProbes.InstanceHealth> instances = null;
        if (checkInstances) {
            instances = probes.instances();
            long bad = instances.stream()
                    .filter(i -> !i.status().equals("healthy"))
                    .count();
            components.add(new ComponentProbes.ComponentHealth(
                    "gitlab_instances",
                    bad > 0 ? "degraded" : "healthy",
                    bad > 0
                            ? bad + " of " + instances.size() + " instance(s) not healthy"
                            : "All " + instances.size() + " instance(s) reachable",
                    null,
                    Map.of()));
        }
        String status = "healthy";
        for (ComponentProbes.ComponentHealth c : components) {
            if (c.status().equals("unhealthy")
                    && !c.name().equals("tokens")
                    && !c.name().equals("kafka")) {
                status = "unhealthy";
            } else if ((c.status().equals("degraded") || c.status().equals("unhealthy")) && status.equals("healthy")) {
                status = "degraded";
            }
        }
        return new Report(status, clock.instant(), VERSION, components, mirrors, tokens, instances);
    }

    private Mirrors mirrors() {
        EstateCounts.Totals totals = EstateCounts.totals(counts.rows(null));
        EstateReads.Buckets b = totals.buckets();
        long total = totals.total();
        long enabled = totals.enabled();
        long synced = b.success() + b.failed();
        double pct = synced == 0 ? 100.0 : Math.round(b.success() * 1000.0 / synced) / 10.0;
        return new Mirrors(total, enabled, total - enabled, b.success(), b.failed(), b.pending(), b.unknown(), pct);
    }

    private static ComponentProbes.ComponentHealth mirrorsComponent(Mirrors m) {
        if (m.total() == 0) {
            return new ComponentProbes.ComponentHealth("mirrors", "healthy", "No mirrors configured", null, Map.of());
        }
        if (m.failed() == 0) {
            return new ComponentProbes.ComponentHealth(
                    "mirrors", "healthy", "All " + m.success() + " synced mirrors healthy", null, Map.of());
        }
        return new ComponentProbes.ComponentHealth(
                "mirrors",
                m.healthPercentage() >= 50 ? "degraded" : "unhealthy",
                m.failed() + " of " + m.total() + " mirrors failed",
                null,
                Map.of());
    }

    private Tokens tokens() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate soon = today.plusDays(TOKEN_SOON_DAYS);
        Criteria instanceTokens = Criteria.where("encrypted_token").ne(null);
        long total = mongo.count(Query.query(instanceTokens), InstanceRecord.class)
                + mongo.count(new Query(), GroupTokenRecord.class);
        long expired = countBoth(Criteria.where("token_expires_at").lte(today));
        long expiringSoon =
                countBoth(Criteria.where("token_expires_at").gt(today).lte(soon));
        long active = countBoth(Criteria.where("token_expires_at").gt(soon));
        return new Tokens(total, active, expiringSoon, expired, total - active - expiringSoon - expired);
    }

    private long countBoth(Criteria criteria) {
        return mongo.count(
                        Query.query(new Criteria()
                                .andOperator(Criteria.where("encrypted_token").ne(null), criteria)),
                        InstanceRecord.class)
                + mongo.count(Query.query(criteria), GroupTokenRecord.class);
    }

    private static ComponentProbes.ComponentHealth tokensComponent(Tokens t) {
        if (t.expired() > 0) {
            return new ComponentProbes.ComponentHealth(
                    "tokens", "unhealthy", t.expired() + " token(s) have expired", null, Map.of());
        }
        if (t.expiringSoon() > 0) {
            return new ComponentProbes.ComponentHealth(
                    "tokens",
                    "degraded",
                    t.expiringSoon() + " token(s) expiring within " + TOKEN_SOON_DAYS + " days",
                    null,
                    Map.of());
        }
        return new ComponentProbes.ComponentHealth("tokens", "healthy", "All tokens valid", null, Map.of());
    }

    private static String version() {
        String v = ApiApplication.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
