package io.mirrormaestro.api.dashboard;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/dashboard")
class DashboardController {

    private final Dashboard dashboard;

    DashboardController(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    /** Totals, health buckets, freshness, recent activity, mirrors by pair, and per-pair, per-instance, failing views. */
    @GetMapping("/metrics")
    Dashboard.Metrics metrics() {
        return dashboard.metrics();
    }

    /** Mirrors syncing now and failures of the last 24 hours, for scripts that poll. */
    @GetMapping("/quick-stats")
    Dashboard.QuickStats quickStats() {
        return dashboard.quickStats();
    }
}
