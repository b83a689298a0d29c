package io.mirrormaestro.api.mirror;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.mirrormaestro.api.command.CommandAccepted;
import io.mirrormaestro.api.pair.BranchRegex;
import io.mirrormaestro.api.pair.DirectionInput;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.api.web.UpdateBody;
import io.mirrormaestro.common.settings.GroupPaths;
import io.mirrormaestro.common.store.MirrorRecord;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
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

/**
 * Mirrors: the original tool's {@code /api/mirrors}. Everything that touches GitLab answers 202 with the mirror as
 * it now stands here and the command that will make GitLab follow ({@code command_id}, {@code status_url}).
 */
@RestController
@RequestMapping("/api/mirrors")
class MirrorController {

    private final Mirrors mirrors;
    private final MirrorListing listing;
    private final ObjectMapper json;
    private final Validator validator;
    private final Clock clock;

    MirrorController(Mirrors mirrors, MirrorListing listing, ObjectMapper json, Validator validator, Clock clock) {
        this.mirrors = mirrors;
        this.listing = listing;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    record CreateMirror(
            @NotNull @Positive Long instancePairId,
            @Positive Long sourceProjectId,
            @Size(max = 1000) String sourceProjectPath,
            @Positive Long targetProjectId,
            @Size(max = 1000) String targetProjectPath,
            String mirrorDirection,
            Boolean mirrorProtectedBranches,
            Boolean mirrorOverwriteDiverged,
            Boolean mirrorTriggerBuilds,
            Boolean onlyMirrorProtectedBranches,
            @Size(max = 255) String mirrorBranchRegex,
            @Positive Long mirrorUserId,
            Boolean enabled,
            Boolean adoptExisting) {}

    record UpdateMirror(
            String mirrorDirection,
            Boolean mirrorProtectedBranches,
            Boolean mirrorOverwriteDiverged,
            Boolean mirrorTriggerBuilds,
            Boolean onlyMirrorProtectedBranches,
            @Size(max = 255) String mirrorBranchRegex,
            @Positive Long mirrorUserId,
            Boolean enabled) {}

    /** The mirror's fields at the top level (as the original answered), plus the command to follow. */
    record MirrorAccepted(@JsonUnwrapped MirrorView mirror, String status, UUID commandId, URI statusUrl) {}

    @GetMapping
    MirrorListing.Page list(
            @RequestParam(name = "instance_pair_id", required = false) Long pairId,
            @RequestParam(required = false) String status,
            @RequestParam(name = "group_path", required = false) String groupPath,
            @RequestParam(required = false) String search,
            @RequestParam(required = false) Boolean enabled,
            @RequestParam(name = "token_status", required = false) String tokenStatus,
            @RequestParam(defaultValue = "1") @Min(1) int page,
            @RequestParam(name = "page_size", defaultValue = "50") @Min(1) @Max(200) int pageSize,
            @RequestParam(name = "order_by", defaultValue = "id") String orderBy,
            @RequestParam(name = "order_dir", defaultValue = "asc") String orderDir) {
        return listing.page(new MirrorQuery(
                pairId,
                status,
                groupPath,
                search,
                enabled,
                tokenStatus,
                page,
                pageSize,
                orderBy,
                orderDir.toLowerCase(Locale.ROOT)));
    }

    @GetMapping("/{id}")
    MirrorView get(@PathVariable long id) {
        return view(mirrors.get(id));
    }

    /**
     * Validates against our store and GitLab's projects, records the mirror as pending, and has a worker create it:
     * a mirror we already have is a 409 now; one GitLab already has is the worker's to adopt
     * ({@code adopt_existing}) or refuse, and that outcome arrives as an event and on the mirror.
     */
    @PostMapping
    ResponseEntity<MirrorAccepted> create(@Valid @RequestBody CreateMirror c) {
        if (c.sourceProjectId() == null && blank(c.sourceProjectPath())) {
            throw new UnprocessableException("source_project_path", "give source_project_id or source_project_path");
        }
        if (c.targetProjectId() == null && blank(c.targetProjectPath())) {
            throw new UnprocessableException("target_project_path", "give target_project_id or target_project_path");
        }
        requireProjectPath("source_project_path", c.sourceProjectPath());
        requireProjectPath("target_project_path", c.targetProjectPath());
        String direction = DirectionInput.optionalName(c.mirrorDirection());
        BranchRegex.validate("mirror_branch_regex", c.mirrorBranchRegex());
        Mirrors.Accepted accepted = mirrors.create(
                c.instancePairId(),
                new Mirrors.ProjectRef(
                        c.sourceProjectId() != null ? "source_project_id" : "source_project_path",
                        c.sourceProjectId(),
                        blank(c.sourceProjectPath())
                                ? null
                                : c.sourceProjectPath().trim()),
                new Mirrors.ProjectRef(
                        c.targetProjectId() != null ? "target_project_id" : "target_project_path",
                        c.targetProjectId(),
                        blank(c.targetProjectPath())
                                ? null
                                : c.targetProjectPath().trim()),
                new Mirrors.Desired(
                        direction,
                        new MirrorRecord.Overrides(
                                c.mirrorProtectedBranches(),
                                c.mirrorOverwriteDiverged(),
                                c.mirrorTriggerBuilds(),
                                c.onlyMirrorProtectedBranches(),
                                blank(c.mirrorBranchRegex()) ? null : c.mirrorBranchRegex(),
                                c.mirrorUserId()),
                        c.enabled() == null || c.enabled(),
                        Boolean.TRUE.equals(c.adoptExisting())));
        return accepted(accepted.mirror(), "accepted", accepted.commandId());
    }

    /** Presence-aware: absent fields stay, {@code null} goes back to inheriting; the direction cannot change. */
    @PutMapping("/{id}")
    ResponseEntity<MirrorAccepted> update(
            @PathVariable long id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = UpdateMirror.class)))
                    @RequestBody
                    JsonNode body) {
        UpdateBody<UpdateMirror> update = UpdateBody.parse(body, UpdateMirror.class, json, validator);
        UpdateMirror u = update.values();
        if (update.has("enabled") && u.enabled() == null) {
            throw new UnprocessableException("enabled", "must be true or false");
        }
        BranchRegex.validate("mirror_branch_regex", u.mirrorBranchRegex());
        Map<String, Object> changes = new LinkedHashMap<>();
        if (update.has("mirror_direction") && u.mirrorDirection() != null) {
            changes.put("mirror_direction", DirectionInput.optionalName(u.mirrorDirection()));
        }
        put(changes, update, "mirror_protected_branches", u.mirrorProtectedBranches());
        put(changes, update, "mirror_overwrite_diverged", u.mirrorOverwriteDiverged());
        put(changes, update, "mirror_trigger_builds", u.mirrorTriggerBuilds());
        put(changes, update, "only_mirror_protected_branches", u.onlyMirrorProtectedBranches());
        put(changes, update, "mirror_branch_regex", blank(u.mirrorBranchRegex()) ? null : u.mirrorBranchRegex());
        put(changes, update, "mirror_user_id", u.mirrorUserId());
        put(changes, update, "enabled", u.enabled());
        Mirrors.Accepted accepted = mirrors.update(id, changes);
        return accepted(accepted.mirror(), accepted.commandId() == null ? "pending" : "accepted", accepted.commandId());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<CommandAccepted> delete(@PathVariable long id) {
        return command("deleting", mirrors.delete(id));
    }

    /** Sync now: push mirrors are pushed, pull mirrors pull. */
    @PostMapping("/{id}/update")
    ResponseEntity<CommandAccepted> sync(@PathVariable long id) {
        return command("update_triggered", mirrors.sync(id));
    }

    /**
     * Resumes a mirror GitLab stopped after repeated failures (a paused pull mirror, a push mirror GitLab disabled): the
     * worker configures it in GitLab again, which clears GitLab's pause, and syncs it.
     */
    @PostMapping("/{id}/resume")
    ResponseEntity<CommandAccepted> resume(@PathVariable long id) {
        return command("resume_requested", mirrors.resume(id));
    }

    /** Reads GitLab's side: status, drift, orphaned, stuck; {@code repair=true} also puts drifted settings back. */
    @PostMapping("/{id}/verify")
    ResponseEntity<CommandAccepted> verify(
            @PathVariable long id, @RequestParam(defaultValue = "false") boolean repair) {
        return command("verify_requested", mirrors.verify(id, repair));
    }

    /** Re-embeds the current group token (after it was rotated outside this tool). */
    @PostMapping("/{id}/rotate-token")
    ResponseEntity<CommandAccepted> rotate(@PathVariable long id) {
        return command("rotation_requested", mirrors.rotate(id));
    }

    private MirrorView view(MirrorRecord m) {
        return MirrorView.of(m, mirrors.effective(m, new HashMap<>(), new HashMap<>()), LocalDate.now(clock));
    }

    private ResponseEntity<MirrorAccepted> accepted(MirrorRecord mirror, String status, UUID commandId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new MirrorAccepted(
                        view(mirror),
                        status,
                        commandId,
                        commandId == null ? null : URI.create("/api/commands/" + commandId)));
    }

    private static ResponseEntity<CommandAccepted> command(String status, UUID commandId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(CommandAccepted.of(commandId, status));
    }

    private static void put(Map<String, Object> changes, UpdateBody<?> update, String field, Object value) {
        if (update.has(field)) {
            changes.put(field, value);
        }
    }

    private static void requireProjectPath(String field, String path) {
        if (!blank(path) && !GroupPaths.PROJECT_PATH.matcher(path.trim()).matches()) {
            throw new UnprocessableException(field, "must be a project path such as 'group/project'");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
