package io.mirrormaestro.api.batch;

import io.mirrormaestro.common.store.BatchRecord;
import java.time.Instant;

/** A batch's progress as the API and the WebSocket show it. */
record BatchView(
        String batchId,
        String kind,
        long instancePairId,
        String status,
        int total,
        int pending,
        int inProgress,
        int succeeded,
        int failed,
        int skipped,
        int cancelled,
        long sequence,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    static BatchView of(BatchRecord b) {
        return new BatchView(
                b.id(),
                b.kind(),
                b.instancePairId(),
                b.status(),
                b.total(),
                b.pending(),
                b.inProgress(),
                b.succeeded(),
                b.failed(),
                b.skipped(),
                b.cancelled(),
                b.sequence(),
                b.createdAt(),
                b.startedAt(),
                b.finishedAt());
    }
}
