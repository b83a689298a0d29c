package io.mirrormaestro.api.topology;

import io.mirrormaestro.api.estate.QueryParameters;
import io.mirrormaestro.api.estate.StaleRules;
import io.mirrormaestro.api.pair.DirectionInput;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/topology")
class TopologyController {

    private final Topology topology;

    TopologyController(Topology topology) {
        this.topology = topology;
    }

    @GetMapping
    Topology.Graph graph(
            @RequestParam(name = "instance_pair_id", required = false) String pairId,
            @RequestParam(name = "stale_warning_seconds", required = false) String warning,
            @RequestParam(name = "stale_error_seconds", required = false) String error,
            @RequestParam(name = "never_succeeded_level", required = false) String neverLevel) {
        return topology.graph(
                QueryParameters.optionalLong("instance_pair_id", pairId, 1), StaleRules.of(warning, error, neverLevel));
    }

    /** One link's mirrors, worst first; {@code limit} 1 to {@value Topology#MAX_LIMIT}, default 50. */
    @GetMapping("/link-mirrors")
    Topology.LinkMirrors linkMirrors(
            @RequestParam(name = "source_instance_id", required = false) String source,
            @RequestParam(name = "target_instance_id", required = false) String target,
            @RequestParam(name = "mirror_direction", required = false) String direction,
            @RequestParam(name = "instance_pair_id", required = false) String pairId,
            @RequestParam(name = "include_disabled", required = false) String includeDisabled,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset,
            @RequestParam(name = "stale_warning_seconds", required = false) String warning,
            @RequestParam(name = "stale_error_seconds", required = false) String error,
            @RequestParam(name = "never_succeeded_level", required = false) String neverLevel) {
        String directionName = DirectionInput.optionalName(direction);
        Long offsetValue = QueryParameters.optionalLong("offset", offset, 0);
        return topology.linkMirrors(
                new Topology.LinkFilter(
                        QueryParameters.optionalLong("source_instance_id", source, 1),
                        QueryParameters.optionalLong("target_instance_id", target, 1),
                        directionName,
                        QueryParameters.optionalLong("instance_pair_id", pairId, 1),
                        QueryParameters.bool("include_disabled", includeDisabled, true)),
                QueryParameters.intBetween("limit", limit, 1, Topology.MAX_LIMIT, Topology.DEFAULT_LIMIT),
                offsetValue == null ? 0 : offsetValue,
                StaleRules.of(warning, error, neverLevel));
    }
}
