package io.mirrormaestro.api.groupdefaults;

import io.mirrormaestro.api.web.Deleted;
import io.mirrormaestro.api.web.UpdateBody;
import io.mirrormaestro.common.store.GroupDefaultsRecord;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Group-level overrides of a pair's mirror defaults: the original tool's {@code /api/group-defaults}. {@code POST}
 * is an upsert per (pair, group path): fields left out keep their value, fields sent as {@code null} go back to
 * inheriting from the pair.
 */
@RestController
@RequestMapping("/api/group-defaults")
class GroupDefaultsController {

    private final GroupDefaults groupDefaults;
    private final ObjectMapper json;
    private final Validator validator;

    GroupDefaultsController(GroupDefaults groupDefaults, ObjectMapper json, Validator validator) {
        this.groupDefaults = groupDefaults;
        this.json = json;
        this.validator = validator;
    }

    @GetMapping
    List<GroupDefaultsRecord> list(@RequestParam(name = "instance_pair_id", required = false) Long pairId) {
        return groupDefaults.list(pairId);
    }

    @PostMapping
    GroupDefaultsRecord upsert(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = GroupDefaults.Upsert.class)))
                    @RequestBody
                    JsonNode body) {
        return groupDefaults.upsert(UpdateBody.parse(body, GroupDefaults.Upsert.class, json, validator));
    }

    @DeleteMapping("/{id}")
    Deleted delete(@PathVariable long id) {
        groupDefaults.delete(id);
        return Deleted.of(Map.of("group_defaults", 1L));
    }
}
