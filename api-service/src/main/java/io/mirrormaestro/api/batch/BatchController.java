package io.mirrormaestro.api.batch;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Batch progress and per-line results; progress also streams on {@code /topic/batches/{id}}. */
@RestController
@RequestMapping("/api/batches")
class BatchController {

    private final Batches batches;
    private final BatchListing listing;
    private final BatchLines lines;

    BatchController(Batches batches, BatchListing listing, BatchLines lines) {
        this.batches = batches;
        this.listing = listing;
        this.lines = lines;
    }

    /**
     * Batches newest first, each as its summary without lines.
     *
     * @param kind import, or an operation: sync, enable, disable, delete, verify, repair
     * @param status running, cancelling, completed or cancelled
     * @param pairId the pair the batch is for (0: an operation over a selection across pairs)
     */
    @GetMapping
    BatchListing.Page list(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String status,
            @RequestParam(name = "instance_pair_id", required = false) Long pairId,
            @RequestParam(defaultValue = "1") @Min(1) int page,
            @RequestParam(name = "page_size", defaultValue = "50") @Min(1) @Max(200) int pageSize) {
        return listing.page(kind, status, pairId, page, pageSize);
    }

    /**
     * The counters, and one page of lines ({@code line_status} to see only failed or skipped ones, say;
     * {@code lines_page_size=0} for the counters alone).
     */
    @GetMapping("/{id}")
    Map<String, Object> get(
            @PathVariable String id,
            @RequestParam(name = "line_status", required = false) String lineStatus,
            @RequestParam(name = "lines_page", defaultValue = "1") @Min(1) int page,
            @RequestParam(name = "lines_page_size", defaultValue = "100") @Min(0) @Max(1000) int pageSize) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batch", BatchView.of(batches.get(id)));
        if (pageSize == 0) {
            body.put("lines", List.of()); // the counters only: a cheap poll
            return body;
        }
        body.put("lines", lines.page(id, lineStatus, page, pageSize));
        return body;
    }

    @PostMapping("/{id}/cancel")
    BatchView cancel(@PathVariable String id) {
        return BatchView.of(batches.cancel(id));
    }
}
