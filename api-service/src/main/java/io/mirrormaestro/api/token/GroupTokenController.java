package io.mirrormaestro.api.token;

import io.mirrormaestro.api.web.Deleted;
import io.mirrormaestro.api.web.UpdateBody;
import io.mirrormaestro.common.settings.GroupPaths;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
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

/** Group access tokens: the original tool's {@code /api/tokens}. */
@RestController
@RequestMapping("/api/tokens")
class GroupTokenController {

    private final GroupTokens tokens;
    private final ObjectMapper json;
    private final Validator validator;
    private final Clock clock;

    GroupTokenController(GroupTokens tokens, ObjectMapper json, Validator validator, Clock clock) {
        this.tokens = tokens;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    record CreateToken(
            @NotNull @Positive Long gitlabInstanceId,
            @NotBlank
                    @Size(max = 500)
                    @Pattern(regexp = GroupPaths.GROUP_PATH_REGEX, message = GroupPaths.GROUP_PATH_MESSAGE)
                    String groupPath,
            @NotBlank @Size(max = 1024) @Pattern(regexp = "\\S+", message = "must not contain white space")
                    String token,
            @NotBlank @Size(max = 100) String tokenName) {

        /** Never prints the token: requests end up in logs and exception messages. */
        @Override
        public String toString() {
            return "CreateToken[gitlabInstanceId=" + gitlabInstanceId + ", groupPath=" + groupPath
                    + ", token=****, tokenName=" + tokenName + "]";
        }
    }

    record UpdateToken(
            @Size(max = 500) @Pattern(regexp = GroupPaths.GROUP_PATH_REGEX, message = GroupPaths.GROUP_PATH_MESSAGE)
                    String groupPath,
            @Size(min = 1, max = 1024) @Pattern(regexp = "\\S+", message = "must not contain white space") String token,
            @Size(min = 1, max = 100) String tokenName) {

        @Override
        public String toString() {
            return "UpdateToken[groupPath=" + groupPath + ", token=" + (token == null ? null : "****") + ", tokenName="
                    + tokenName + "]";
        }
    }

    @GetMapping
    List<GroupTokenView> list(@RequestParam(name = "gitlab_instance_id", required = false) Long instanceId) {
        LocalDate today = LocalDate.now(clock);
        return tokens.list(instanceId).stream()
                .map(t -> GroupTokenView.of(t, today))
                .toList();
    }

    @GetMapping("/{id}")
    GroupTokenView get(@PathVariable long id) {
        return GroupTokenView.of(tokens.get(id), LocalDate.now(clock));
    }

    @PostMapping
    GroupTokenView create(@Valid @RequestBody CreateToken t) {
        return GroupTokenView.of(
                tokens.create(
                        t.gitlabInstanceId(),
                        t.groupPath(),
                        t.tokenName().trim(),
                        t.token().trim()),
                LocalDate.now(clock));
    }

    /** Rotation in place: send the new {@code token}; null or absent fields stay as they are. */
    @PutMapping("/{id}")
    GroupTokenView update(
            @PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = UpdateToken.class)))
                    @RequestBody
                    JsonNode body) {
        UpdateToken t =
                UpdateBody.parse(body, UpdateToken.class, json, validator).values();
        return GroupTokenView.of(
                tokens.update(
                        id,
                        t.groupPath(),
                        t.tokenName() == null ? null : t.tokenName().trim(),
                        t.token() == null ? null : t.token().trim()),
                LocalDate.now(clock));
    }

    @DeleteMapping("/{id}")
    Deleted delete(@PathVariable long id) {
        tokens.delete(id);
        return Deleted.of(Map.of("group_tokens", 1L));
    }
}
