package io.mirrormaestro.api.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The workers' background status refresh as the dashboard reports it, from the one document its sweep writes each
 * tick ({@code refresh_state}, see worker-service's README): on while a sweep ran within the last three ticks, the
 * cadence of healthy mirrors, the last and next sweep, and whether the refresh budget covers the estate.
 */
final class RefreshReport {

    static final String COLLECTION = "refresh_state";

    private RefreshReport() {}

    static Dashboard.AutoRefresh of(MongoTemplate mongo, Instant now) {
        Document state = mongo.getCollection(COLLECTION)
                .find(new Document("_id", "sweep"))
                .first();
        if (state == null || !(state.get("last_run_at") instanceof Date last)) {
            return new Dashboard.AutoRefresh(
                    false, null, null, null, false, "no background status refresh has run: no worker runs it");
        }
        Instant lastRun = last.toInstant();
        long tick = number(state, "tick_seconds");
        Instant nextRun = tick > 0 ? lastRun.plusSeconds(tick) : null;
        boolean on = tick > 0 && lastRun.isAfter(now.minus(Duration.ofSeconds(tick * 3)));
        long healthy = number(state, "healthy_interval_seconds");
        long needed = number(state, "needed_per_minute_per_instance");
        long budget = number(state, "budget_per_minute_per_instance");
        StringBuilder note = new StringBuilder();
        if (!on) {
            note.append("the last refresh sweep ran at ").append(lastRun).append(": no worker runs it now. ");
        }
        note.append(number(state, "projects"))
                .append(" GitLab projects watched, ")
                .append(number(state, "projects_due"))
                .append(" read in the last sweep; the estate needs ")
                .append(needed)
                .append(" requests per minute on the busiest instance");
        if (budget > 0 && needed > budget) {
            note.append(", more than the refresh budget of ")
                    .append(budget)
                    .append(" per worker: ")
                    .append(Math.round((needed - budget) * 100.0 / budget))
                    .append(" % over, so refreshes come later than their cadence unless workers are added");
        } else if (budget > 0) {
            note.append(", within the refresh budget of ").append(budget).append(" per worker");
        }
        return new Dashboard.AutoRefresh(on, healthy > 0 ? healthy : null, lastRun, nextRun, false, note.toString());
    }

    private static long number(Document doc, String field) {
        return doc.get(field) instanceof Number n ? n.longValue() : 0L;
    }
}
