package io.mirrormaestro.api.transfer;

import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Export of a pair's mirrors as a file to download, in the original tool's format (see {@link PairExport}). */
@RestController
class ExportController {

    private final PairExport export;

    ExportController(PairExport export) {
        this.export = export;
    }

    @GetMapping("/api/export/pair/{id}")
    ResponseEntity<Map<String, Object>> export(
            @PathVariable long id, @RequestParam(name = "group_path", required = false) String groupPath) {
        PairExport.File file = export.export(id, groupPath);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("mirrors_" + safe(file.pairName()) + ".json")
                                .build()
                                .toString())
                .body(file.content());
    }

    /** As the original named the file: characters outside [A-Za-z0-9_.-] become '_', never empty. */
    static String safe(String name) {
        String safe = name.replaceAll("[\\r\\n]", "")
                .replaceAll("[^A-Za-z0-9_.-]", "_")
                .replaceAll("^[._]+|[._]+$", "");
        return safe.isEmpty() ? "mirrors" : safe;
    }
}
