package io.mirrormaestro.api.transfer;

import io.mirrormaestro.api.ApiSettings;
import io.mirrormaestro.api.batch.BatchAccepted;
import io.mirrormaestro.api.pair.Pairs;
import io.mirrormaestro.api.problem.UnprocessableException;
import io.mirrormaestro.common.store.BatchRecord;
import io.mirrormaestro.common.store.PairRecord;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Import of a mirrors file, in any of the original tool's shapes: the body is the file itself, as JSON, read up to
 * {@code mm.api.import-max-bytes}. The whole file is checked first and nothing starts if any line is wrong (the
 * answer names the first bad line); otherwise it answers 202 with a batch that workers carry out.
 */
@RestController
class ImportController {

    private final Pairs pairs;
    private final MirrorImport imports;
    private final ObjectMapper json;
    private final long maxBytes;

    ImportController(Pairs pairs, MirrorImport imports, ObjectMapper json, ApiSettings settings) {
        this.pairs = pairs;
        this.imports = imports;
        this.json = json;
        this.maxBytes = settings.importMaxBytes();
    }

    @PostMapping("/api/export/pair/{id}")
    ResponseEntity<BatchAccepted> importFile(@PathVariable long id, HttpServletRequest request) throws IOException {
        String contentType = request.getContentType();
        if (!isJson(contentType)) {
            // a body a cross-site page can send without a CORS preflight (text/plain, a form, none) is never read
            throw new ResponseStatusException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    (contentType == null || contentType.isBlank()
                                    ? "a Content-Type is missing"
                                    : "Content-Type " + contentType.trim().split(";", 2)[0] + " is not supported")
                            + ": send the mirrors file itself as the body, as application/json");
        }
        PairRecord pair = pairs.get(id);
        BatchRecord batch = imports.start(pair, read(request));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(BatchAccepted.of(batch));
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private JsonNode read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return json.readTree(bytes);
        } catch (JacksonException e) {
            throw new UnprocessableException("body", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private ResponseStatusException tooLarge() {
        return new ResponseStatusException(
                HttpStatus.CONTENT_TOO_LARGE, "the file is larger than " + maxBytes + " bytes");
    }
}
