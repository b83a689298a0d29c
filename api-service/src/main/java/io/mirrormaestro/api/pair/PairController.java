package io.mirrormaestro.api.pair;

import io.mirrormaestro.api.web.Deleted;
import io.mirrormaestro.api.web.UpdateBody;
import io.mirrormaestro.common.store.PairRecord;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Instance pairs: the original tool's {@code /api/pairs}. */
@RestController
@RequestMapping("/api/pairs")
class PairController {

    private final Pairs pairs;
    private final ObjectMapper json;
    private final Validator validator;

    PairController(Pairs pairs, ObjectMapper json, Validator validator) {
        this.pairs = pairs;
        this.json = json;
        this.validator = validator;
    }

    /** Defaults are the original tool's: pull, mirror protected branches, nothing else. */
    record PairFields(
            @NotBlank @Size(max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            @Size(max = 500) String description,
            @NotNull @Positive Long sourceInstanceId,
            @NotNull @Positive Long targetInstanceId,
            String mirrorDirection,
            Boolean mirrorProtectedBranches,
            Boolean mirrorOverwriteDiverged,
            Boolean mirrorTriggerBuilds,
            Boolean onlyMirrorProtectedBranches,
            @Size(max = 255) String mirrorBranchRegex,
            @Positive Long mirrorUserId) {}

    @GetMapping
    List<PairView> list(
            @RequestParam(name = "source_instance_id", required = false) Long source,
            @RequestParam(name = "target_instance_id", required = false) Long target,
            @RequestParam(name = "direction", required = false) String direction) {
        return pairs.list(source, target, direction).stream().map(PairView::of).toList();
    }

    @GetMapping("/{id}")
    PairView get(@PathVariable long id) {
        return PairView.of(pairs.get(id));
    }

    @PostMapping
    PairView create(@Valid @RequestBody PairFields f) {
        return PairView.of(pairs.create(new PairRecord(
                0,
                f.name().trim(),
                blankToNull(f.description()),
                f.sourceInstanceId(),
                f.targetInstanceId(),
                DirectionInput.required(f.mirrorDirection() == null ? "pull" : f.mirrorDirection()),
                f.mirrorProtectedBranches() == null || f.mirrorProtectedBranches(),
                Boolean.TRUE.equals(f.mirrorOverwriteDiverged()),
                Boolean.TRUE.equals(f.mirrorTriggerBuilds()),
                Boolean.TRUE.equals(f.onlyMirrorProtectedBranches()),
                blankToNull(f.mirrorBranchRegex()),
                f.mirrorUserId(),
                null,
                null)));
    }

    /** Presence-aware: absent fields stay; {@code null} clears the regex, the mirror user and the description. */
    @PutMapping("/{id}")
    PairView update(
            @PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = LooseFields.class)))
                    @RequestBody
                    JsonNode body) {
        PairRecord c = pairs.get(id);
        // validate the merged pair, so required fields may be left out of the update
        JsonNode merged = json.valueToTree(PairView.of(c));
        ((tools.jackson.databind.node.ObjectNode) merged).remove(List.of("id", "created_at", "updated_at"));
        body.properties().forEach(e -> ((tools.jackson.databind.node.ObjectNode) merged).set(e.getKey(), e.getValue()));
        UpdateBody<PairFields> update = UpdateBody.parse(merged, PairFields.class, json, validator);
        UpdateBody.parse(body, LooseFields.class, json, validator); // unknown fields in the request itself
        PairFields f = update.values();
        PairRecord changed = new PairRecord(
                id,
                f.name().trim(),
                blankToNull(f.description()),
                f.sourceInstanceId(),
                f.targetInstanceId(),
                DirectionInput.required(f.mirrorDirection() == null ? c.mirrorDirection() : f.mirrorDirection()),
                f.mirrorProtectedBranches() == null ? c.mirrorProtectedBranches() : f.mirrorProtectedBranches(),
                f.mirrorOverwriteDiverged() == null ? c.mirrorOverwriteDiverged() : f.mirrorOverwriteDiverged(),
                f.mirrorTriggerBuilds() == null ? c.mirrorTriggerBuilds() : f.mirrorTriggerBuilds(),
                f.onlyMirrorProtectedBranches() == null
                        ? c.onlyMirrorProtectedBranches()
                        : f.onlyMirrorProtectedBranches(),
                blankToNull(f.mirrorBranchRegex()),
                f.mirrorUserId(),
                c.createdAt(),
                c.updatedAt());
        List<String> sent = new java.util.ArrayList<>();
        body.propertyNames().forEach(sent::add);
        return PairView.of(pairs.update(id, changed, sent));
    }

    /** The request's own fields, all optional, only to reject unknown ones by name. */
    record LooseFields(
            String name,
            String description,
            Long sourceInstanceId,
            Long targetInstanceId,
            String mirrorDirection,
            Boolean mirrorProtectedBranches,
            Boolean mirrorOverwriteDiverged,
            Boolean mirrorTriggerBuilds,
            Boolean onlyMirrorProtectedBranches,
            String mirrorBranchRegex,
            Long mirrorUserId) {}

    @GetMapping("/{id}/delete-impact")
    Map<String, Long> deleteImpact(@PathVariable long id) {
        return pairs.impactOfDelete(id);
    }

    @DeleteMapping("/{id}")
    Deleted delete(@PathVariable long id) {
        return Deleted.of(pairs.delete(id));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
