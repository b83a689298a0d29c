package io.mirrormaestro.api.instance;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.command.CommandAccepted;
import io.mirrormaestro.api.command.CommandGateway;
import io.mirrormaestro.api.web.BadRequestException;
import io.mirrormaestro.api.web.ConflictException;
import io.mirrormaestro.api.web.NotFoundException;
import io.mirrormaestro.common.command.CheckInstance;
import io.mirrormaestro.common.crypto.TokenCipher;
import io.mirrormaestro.common.store.InstanceRecord;
import io.mirrormaestro.common.store.Sequences;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GitLab instances. Registering stores the token encrypted and issues a {@code CheckInstance} command; the worker
 * records the instance's version and the token's user when GitLab answers.
 */
@RestController
@RequestMapping("/api/instances")
class InstanceController {

    private final MongoTemplate mongo;
    private final TokenCipher cipher;
    private final CommandGateway commands;
    private final ApiSettings settings;
    private final Clock clock;

    InstanceController(
            MongoTemplate mongo, TokenCipher cipher, CommandGateway commands, ApiSettings settings, Clock clock) {
        this.mongo = mongo;
        this.settings = settings;
        this.cipher = cipher;
        this.commands = commands;
        this.clock = clock;
    }

    record CreateInstance(
            @NotBlank @Size(max = 100) String name,
            @NotBlank
                    @Size(max = 2048)
                    @Pattern(
                            regexp = "https?://[^\\s/?#]+(/[^\\s?#]*)?",
                            message = "must be an http(s) URL without query or fragment")
                    String url,
            @NotBlank @Size(max = 512) String token,
            @Size(max = 1000) String description) {}

    @GetMapping
    List<InstanceView> list() {
        return mongo.find(new Query().with(Sort.by("_id")), InstanceRecord.class).stream()
                .map(InstanceView::of)
                .toList();
    }

    @GetMapping("/{id}")
    InstanceView get(@PathVariable long id) {
        return InstanceView.of(find(id));
    }

    @PostMapping
    ResponseEntity<InstanceView> create(@Valid @RequestBody CreateInstance request) {
        String name = request.name().trim();
        String url = stripTrailingSlash(request.url().trim());
        AddressPolicy.check(url, settings.allowPrivateAddresses()).ifPresent(reason -> {
            throw new BadRequestException("url", reason);
        });
        if (mongo.exists(
                Query.query(org.springframework.data.mongodb.core.query.Criteria.where("name")
                        .is(name)),
                InstanceRecord.class)) {
            throw new ConflictException("name", "an instance named '" + name + "' already exists");
        }
        Instant now = clock.instant();
        InstanceRecord record = new InstanceRecord(
                Sequences.next(mongo, "instances"),
                name,
                url,
                request.description(),
                cipher.encrypt(request.token().trim()),
                null,
                null,
                null,
                null,
                now,
                now);
        mongo.insert(record);
        UUID commandId = check(record.id());
        return ResponseEntity.created(URI.create("/api/instances/" + record.id()))
                .header("X-Command-Id", commandId.toString())
                .body(InstanceView.of(record));
    }

    /** Checks connectivity, the token and the GitLab version again, through the worker. */
    @PostMapping("/{id}/check")
    ResponseEntity<CommandAccepted> recheck(@PathVariable long id) {
        find(id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(CommandAccepted.of(check(id)));
    }

    private UUID check(long instanceId) {
        UUID commandId = UUID.randomUUID();
        commands.accept(new CheckInstance(commandId, commandId, clock.instant(), instanceId));
        return commandId;
    }

    private InstanceRecord find(long id) {
        InstanceRecord record = mongo.findById(id, InstanceRecord.class);
        if (record == null) {
            throw new NotFoundException("instance", String.valueOf(id));
        }
        return record;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** What the API shows of an instance: never the token, only whether one is set. */
    record InstanceView(
            long id,
            String name,
            String url,
            String description,
            boolean tokenSet,
            String gitlabVersion,
            String gitlabRevision,
            String tokenUser,
            Instant lastCheckedAt,
            Instant createdAt,
            Instant updatedAt) {

        static InstanceView of(InstanceRecord r) {
            return new InstanceView(
                    r.id(),
                    r.name(),
                    r.url(),
                    r.description(),
                    r.encryptedToken() != null,
                    r.gitlabVersion(),
                    r.gitlabRevision(),
                    r.tokenUser(),
                    r.lastCheckedAt(),
                    r.createdAt(),
                    r.updatedAt());
        }
    }
}
