package io.mirrormaestro.api.batch;

import io.mirrormaestro.common.store.BatchRecord;
import jakarta.validation.Valid;
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
    ResponseEntity<BatchAccepted> start(@Valid @RequestBody BatchOperations.Selection s) {
        BatchRecord batch = operations.start(s);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(BatchAccepted.of(batch));
    }
}
