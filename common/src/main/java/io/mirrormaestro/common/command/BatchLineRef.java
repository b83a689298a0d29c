package io.mirrormaestro.common.command;

import java.util.Objects;

/**
 * One line of a batch: the batch's id and the line's number, from 1. A command that carries out a batch line names
 * it, and so does each event of that command, so api-service settles the line without taking strings apart.
 *
 * @param batchId the {@code BatchRecord}'s id
 * @param line the line's number in the batch, from 1
 */
public record BatchLineRef(String batchId, int line) {

    public BatchLineRef {
        Objects.requireNonNull(batchId, "batchId");
    }

    /** The {@code BatchItemRecord}'s {@code _id}: {@code <batch id>:<line>}. */
    public String itemId() {
        return batchId + ":" + line;
    }

    /**
     * Reads the {@code <batch id>:<line>} form the contract used before this record existed (the {@code batch_id}
     * field of commands and events written by the previous version).
     */
    public static BatchLineRef parse(String itemId) {
        int colon = itemId.lastIndexOf(':');
        if (colon <= 0 || colon == itemId.length() - 1) {
            throw new IllegalArgumentException("not a batch line: " + itemId);
        }
        return new BatchLineRef(itemId.substring(0, colon), Integer.parseInt(itemId.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return itemId();
    }
}
