package io.mirrormaestro.api.batch;

import io.mirrormaestro.common.store.BatchRecord;
import java.net.URI;

/** The body of the {@code 202 Accepted} that starts a batch (a batch action, an import, a move to group tokens). */
public record BatchAccepted(String status, String batchId, int total, URI statusUrl) {

    public static BatchAccepted of(BatchRecord batch) {
        return new BatchAccepted("accepted", batch.id(), batch.total(), URI.create("/api/batches/" + batch.id()));
    }
}
