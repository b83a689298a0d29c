package io.mirrormaestro.api.backup;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.problem.BadRequestException;
import io.mirrormaestro.api.problem.ConflictException;
import io.mirrormaestro.api.problem.UnprocessableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * Backup and restore of all configuration and mirror state. The passphrase never travels in a URL: the download takes
 * it in a JSON body ({@code POST /api/backup}), the restore in the {@value #PASSPHRASE_HEADER} header (percent-encoded
 * UTF-8), next to the archive sent as the body ({@code application/zip}).
 */
@RestController
class BackupController {

    static final String PASSPHRASE_HEADER = "X-Backup-Passphrase";
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final BackupWriter writer;
    private final Restore restore;
    private final ObjectMapper json;
    private final Clock clock;
    private final long maxBytes;

    BackupController(BackupWriter writer, Restore restore, ObjectMapper json, Clock clock, ApiSettings settings) {
        this.writer = writer;
        this.restore = restore;
        this.json = json;
        this.clock = clock;
        this.maxBytes = settings.backupMaxBytes();
    }

    /** The passphrase the archive's secrets are sealed under; never printed. */
    record BackupRequest(
            @NotNull
                    @Size(
                            min = PassphraseCipher.MIN_PASSPHRASE,
                            max = 1024,
                            message = "must be at least " + PassphraseCipher.MIN_PASSPHRASE + " characters")
                    String passphrase) {

        @Override
        public String toString() {
            return "BackupRequest[passphrase=****]";
        }
    }

    @PostMapping(path = "/api/backup", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StreamingResponseBody> backup(@Valid @RequestBody BackupRequest request) {
        List<BackupCollection> collections = writer.collections();
        writer.checkSecrets(collections);
        PassphraseCipher sealer = PassphraseCipher.forNewArchive(request.passphrase());
        StreamingResponseBody body = out -> writer.write(collections, sealer, out);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .cacheControl(CacheControl.noStore())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("mirror-maestro-backup-" + FILE_TIME.format(clock.instant()) + ".zip")
                                .build()
                                .toString())
                .body(body);
    }

    /**
     * Checks an archive and answers what restoring it would do ({@code dry_run=true}, the default), or restores it
     * ({@code dry_run=false}). Either way everything is read and every secret opened before anything is written.
     */
    @PostMapping("/api/backup/restore")
    ResponseEntity<RestorePlan> restore(
            @RequestParam(name = "dry_run", defaultValue = "true") boolean dryRun,
            @RequestHeader(name = PASSPHRASE_HEADER, required = false) String encodedPassphrase,
            HttpServletRequest request)
            throws IOException {
        requireArchiveBody(request.getContentType());
        String passphrase = passphrase(encodedPassphrase);
        Path file = receive(request);
        try (BackupArchive archive = open(file, passphrase)) {
            RestorePlan plan;
            try {
                plan = dryRun ? restore.plan(archive) : restore.apply(archive);
            } catch (BackupArchive.Refused refused) {
                throw refusal(refused);
            }
            if (!dryRun && !plan.conflicts().isEmpty()) {
                throw new ConflictException(
                        "archive",
                        "nothing was restored: " + plan.conflicts().size() + " document(s) of the backup collide with"
                                + " other documents of this installation ("
                                + plan.conflicts().get(0) + ")",
                        Map.of("plan", plan));
            }
            return ResponseEntity.ok(plan);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private BackupArchive open(Path file, String passphrase) {
        try {
            return BackupArchive.open(file, passphrase, json);
        } catch (BackupArchive.Refused refused) {
            throw refusal(refused);
        }
    }

    private static UnprocessableException refusal(BackupArchive.Refused refused) {
        String field =
                switch (refused.kind()) {
                    case PASSPHRASE -> "passphrase";
                    case VERSION -> "version";
                    case CORRUPT -> "archive";
                };
        return new UnprocessableException(field, refused.getMessage());
    }

    private static void requireArchiveBody(String contentType) {
        String type =
                contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/zip") && !type.equals("application/octet-stream")) {
            // a body a cross-site page can send without a CORS preflight (text/plain, a form, none) is never read
            throw new ResponseStatusException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "send the backup archive itself as the body, as application/zip");
        }
    }

    private static String passphrase(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            throw new BadRequestException(
                    "passphrase", "is required, in the " + PASSPHRASE_HEADER + " header (percent-encoded UTF-8)");
        }
        try {
            return UriUtils.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(
                    "passphrase", "the " + PASSPHRASE_HEADER + " header must be percent-encoded UTF-8");
        }
    }

    /** The body into a temporary file only this process can read, at most {@code MM_BACKUP_MAX_BYTES}. */
    private Path receive(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        Path file = Files.createTempFile("mm-restore-", ".zip");
        try {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort
            }
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = request.getInputStream();
                    OutputStream out = Files.newOutputStream(file)) {
                int read;
                while ((read = in.read(buffer)) != -1) {
                    total += read;
                    if (total > maxBytes) {
                        throw tooLarge();
                    }
                    out.write(buffer, 0, read);
                }
            }
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private ResponseStatusException tooLarge() {
        return new ResponseStatusException(
                HttpStatus.CONTENT_TOO_LARGE,
                "the archive is larger than " + maxBytes + " bytes (MM_BACKUP_MAX_BYTES)");
    }
}
