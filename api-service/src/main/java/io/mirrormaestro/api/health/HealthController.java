package io.mirrormaestro.api.health;

import io.mirrormaestro.api.estate.QueryParameters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/health")
class HealthController {

    private final HealthCheck health;

    HealthController(HealthCheck health) {
        this.health = health;
    }

    /** Components, mirror and token summaries; GitLab instances are probed only with {@code check_instances=true}. */
    @GetMapping
    HealthCheck.Report report(@RequestParam(name = "check_instances", required = false) String checkInstances) {
        return health.report(QueryParameters.bool("check_instances", checkInstances, false));
    }

    @GetMapping("/quick")
    HealthCheck.Quick quick() {
        return health.quick();
    }
}
