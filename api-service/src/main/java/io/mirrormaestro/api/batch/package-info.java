/**
 * Batches: an import or an operation over a selection of mirrors, run a chunk of lines at a time as commands, each
 * line ending in what really happened. Progress is counted from the lines, listed and paged by MongoDB, and streamed
 * on {@code /topic/batches/{id}}.
 */
package io.mirrormaestro.api.batch;
