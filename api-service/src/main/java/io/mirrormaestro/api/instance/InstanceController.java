package io.mirrormaestro.api.instance;

import io.mirrormaestro.api.command.CommandAccepted;
import io.mirrormaestro.api.command.CommandGateway;
import io.mirrormaestro.api.gitlab.GitLabProbe;
import io.mirrormaestro.api.web.Deleted;
import io.mirrormaestro.api.web.UpdateBody;
import io.mirrormaestro.common.command.CheckInstance;
import io.mirrormaestro.common.store.InstanceRecord;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

/** GitLab instances: the original tool's {@code /api/instances}, plus re-checks, delete impact and pickers. */
@RestController
@RequestMapping("/api/instances")
class InstanceController {

    private final Instances instances;
    private final GitLabProbe gitlab;
    private final CommandGateway commands;
    private final ObjectMapper json;
    private final Validator validator;
    private final Clock clock;

    InstanceController(
            Instances instances,
            GitLabProbe gitlab,
            CommandGateway commands,
            ObjectMapper json,
            Validator validator,
            Clock clock) {
        this.instances = instances;
        this.gitlab = gitlab;
        this.commands = commands;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    record CreateInstance(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 500) String url,
            @NotBlank @Size(max = 1024) @Pattern(regexp = "\\S+", message = "must not contain white space")
                    String token,
            @Size(max = 500) String description) {

        /** Never prints the token: requests end up in logs and exception messages. */
        @Override
        public String toString() {
            return "CreateInstance[name=" + name + ", url=" + url + ", token=****, description=" + description + "]";
        }
    }

    record UpdateInstance(
            @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            @Size(min = 1, max = 500) String url,
            @Size(min = 1, max = 1024) @Pattern(regexp = "\\S+", message = "must not contain white space") String token,
            @Size(max = 500) String description) {

        @Override
        public String toString() {
            return "UpdateInstance[name=" + name + ", url=" + url + ", token=" + (token == null ? null : "****")
                    + ", description=" + description + "]";
        }
    }

    @GetMapping
    List<InstanceView> list(@RequestParam(required = false) String search) {
        return instances.list(search).stream().map(InstanceView::of).toList();
    }

    @GetMapping("/{id}")
    InstanceView get(@PathVariable long id) {
        return InstanceView.of(instances.get(id));
    }

    /** Checks the URL and token against GitLab, then stores the instance (token encrypted). */
    @PostMapping
    InstanceView create(@Valid @RequestBody CreateInstance request) {
        return InstanceView.of(instances.create(
                request.name().trim(), request.url(), request.token().trim(), trimToNull(request.description())));
    }

    /** Name and description change freely; a new token is checked before it replaces the old; the URL locks once pairs use it. */
    @PutMapping("/{id}")
    InstanceView update(
            @PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = UpdateInstance.class)))
                    @RequestBody
                    JsonNode body) {
        UpdateBody<UpdateInstance> update = UpdateBody.parse(body, UpdateInstance.class, json, validator);
        UpdateInstance v = update.values();
        return InstanceView.of(instances.update(
                id,
                v.name() == null ? null : v.name().trim(),
                v.url(),
                v.token() == null ? null : v.token().trim(),
                update.has("description"),
                trimToNull(v.description())));
    }

    /** What deleting the instance would remove, so a UI can warn first. */
    @GetMapping("/{id}/delete-impact")
    Map<String, Long> deleteImpact(@PathVariable long id) {
        return instances.impactOfDelete(id);
    }

    @DeleteMapping("/{id}")
    Deleted delete(@PathVariable long id) {
        return Deleted.of(instances.delete(id));
    }

    /** Checks connectivity, the token and the GitLab version again, through a worker. */
    @PostMapping("/{id}/check")
    ResponseEntity<CommandAccepted> recheck(@PathVariable long id) {
        instances.get(id);
        UUID commandId = UUID.randomUUID();
        commands.accept(new CheckInstance(commandId, commandId, clock.instant(), id));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(CommandAccepted.of(commandId));
    }

    @GetMapping("/{id}/projects")
    Map<String, Object> projects(
            @PathVariable long id,
            @RequestParam(required = false) String search,
            @RequestParam(defaultValue = "1") @Min(1) int page,
            @RequestParam(name = "per_page", defaultValue = "50") @Min(1) @Max(100) int perPage) {
        InstanceRecord instance = instances.get(id);
        GitLabProbe.Page<GitLabProbe.ProjectSummary> result =
                gitlab.projects(instance.url(), instances.token(instance), search, page, perPage);
        return paged("projects", result);
    }

    @GetMapping("/{id}/groups")
    Map<String, Object> groups(
            @PathVariable long id,
            @RequestParam(required = false) String search,
            @RequestParam(defaultValue = "1") @Min(1) int page,
            @RequestParam(name = "per_page", defaultValue = "50") @Min(1) @Max(100) int perPage) {
        InstanceRecord instance = instances.get(id);
        GitLabProbe.Page<GitLabProbe.GroupSummary> result =
                gitlab.groups(instance.url(), instances.token(instance), search, page, perPage);
        return paged("groups", result);
    }

    private static Map<String, Object> paged(String name, GitLabProbe.Page<?> page) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put(name, page.items());
        body.put("page", page.page());
        body.put("per_page", page.perPage());
        body.put("next_page", page.nextPage());
        return body;
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
