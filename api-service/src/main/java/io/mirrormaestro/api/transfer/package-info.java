/**
 * Export and import of a pair's mirrors in the original tool's file format ({@code /api/export/pair/{id}}): an export
 * to download, and an import checked whole ({@link io.mirrormaestro.api.transfer.ImportFile}) before it starts as a
 * batch.
 */
package io.mirrormaestro.api.transfer;
