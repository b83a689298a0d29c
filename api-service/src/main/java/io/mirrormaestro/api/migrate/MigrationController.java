package io.mirrormaestro.api.migrate;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.problem.ConflictException;
import io.mirrormaestro.api.problem.UnprocessableException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code POST /api/migrate/original}: the original tool's backup archive as the body ({@code application/gzip}).
 * The archive is read, checked and decrypted whole, and every item checked against our store and GitLab, before
 * anything is written; {@code dry_run=true} stops there and answers the plan. A real run with conflicts is refused
 * (409, with the plan) unless {@code skip_conflicts=true}: then everything else is moved and the conflicts are listed.
 */
@RestController
class MigrationController {

    private static final Set<String> ARCHIVE_TYPES =
            Set.of("application/gzip", "application/x-gzip", "application/x-tar+gzip", "application/octet-stream");
    /** Largest unpacked archive: database.json of the largest estates fits well within it. */
    private static final long MAX_UNPACKED = 512L * 1024 * 1024;

    private final MigrationPlanner planner;
    private final MigrationWriter writer;
    private final long maxBytes;
    /** One move at a time per api-service: two at once would each find the other's instances missing. */
    private final ReentrantLock oneAtATime = new ReentrantLock();

    MigrationController(MigrationPlanner planner, MigrationWriter writer, ApiSettings settings) {
        this.planner = planner;
        this.writer = writer;
        this.maxBytes = settings.importMaxBytes();
    }

    /**
     * Query parameters: {@code dry_run} (answer what would happen, write nothing), {@code skip_conflicts} (move
     * everything that is not in conflict), {@code instance_url=OLD=NEW} once for each GitLab instance whose URL
     * changed since the backup.
     */
    @PostMapping("/api/migrate/original")
    ResponseEntity<Map<String, Object>> migrate(HttpServletRequest request) throws IOException {
        requireArchive(request.getContentType());
        // read from the query string only: asking the request for parameters would parse a form body
        MultiValueMap<String, String> query = UriComponentsBuilder.newInstance()
                .query(request.getQueryString())
                .build()
                .getQueryParams();
        boolean dryRun = flag(query, "dry_run");
        boolean skipConflicts = flag(query, "skip_conflicts");
        List<String> instanceUrl = query.getOrDefault("instance_url", List.of()).stream()
                .map(v -> URLDecoder.decode(v, StandardCharsets.UTF_8))
                .toList();
        OriginalBackup backup = OriginalBackup.of(OriginalArchive.read(body(request), MAX_UNPACKED));
        Set<String> urls = new LinkedHashSet<>();
        backup.instances().forEach(i -> urls.add(InstanceUrlMap.normalize(i.url())));
        Map<String, String> urlMap = InstanceUrlMap.parse(instanceUrl, urls);
        if (!oneAtATime.tryLock()) {
            throw new ConflictException(
                    "archive", "another move from the original is under way; try again when it ended");
        }
        try {
            MigrationPlan plan = planner.plan(backup, urlMap, dryRun);
            if (dryRun) {
                return ResponseEntity.ok(plan.body());
            }
            if (plan.conflicts() > 0 && !skipConflicts) {
                throw new ConflictException(
                        "archive",
                        plan.conflicts() + " items are in conflict; nothing was written. Resolve them, or move the"
                                + " rest with skip_conflicts=true",
                        Map.of("plan", plan.body()));
            }
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(writer.write(plan).body());
        } finally {
            oneAtATime.unlock();
        }
    }

    private static boolean flag(MultiValueMap<String, String> query, String name) {
        String value = query.getFirst(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.isEmpty() || value.equals("true")) {
            return true;
        }
        throw new UnprocessableException(name, "must be true or false");
    }

    private static void requireArchive(String contentType) {
        String type =
                contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!ARCHIVE_TYPES.contains(type)) {
            // a body a cross-site page can send without a CORS preflight (text/plain, a form, none) is never read
            throw new ResponseStatusException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    (type.isEmpty() ? "a Content-Type is missing" : "Content-Type " + type + " is not supported")
                            + ": send the original's backup archive (.tar.gz) itself as the body, as application/gzip");
        }
    }

    private InputStream body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return new ByteArrayInputStream(bytes);
        }
    }

    private ResponseStatusException tooLarge() {
        return new ResponseStatusException(
                HttpStatus.CONTENT_TOO_LARGE,
                "the archive is larger than " + maxBytes + " bytes (MM_IMPORT_MAX_BYTES)");
    }
}
