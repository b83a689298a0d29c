package io.mirrormaestro.api.batch;

import io.mirrormaestro.common.store.BatchRecord;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** One action over a selection of mirrors, as a batch (see {@link BatchOperations}); answers 202 with the batch. */
@RestController
class BatchOperationController {

    private final BatchOperations operations;

    BatchOperationController(BatchOperations operations) {
        this.operations = operations;
    }

    @PostMapping("/api/mirrors/batch")
    ResponseEntity<Map<String, Object>> start(@Valid @RequestBody BatchOperations.Selection s) {
        BatchRecord batch = operations.start(s);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "accepted");
        body.put("batch_id", batch.id());
        body.put("total", batch.total());
        body.put("status_url", URI.create("/api/batches/" + batch.id()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }
}
