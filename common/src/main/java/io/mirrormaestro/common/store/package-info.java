/**
 * The MongoDB documents both services read or write, as records with their collection names: instances, pairs, group
 * tokens and defaults, mirrors and the tokens of their own, commands (the outbox and each command's life), batches
 * and their lines. Also the few shared writes: numeric ids ({@link io.mirrormaestro.common.store.Sequences}), inserts
 * that treat a repeat as done ({@link io.mirrormaestro.common.store.BulkInserts}), and the one-mirror-per-projects
 * index and lookup ({@link io.mirrormaestro.common.store.MirrorCollection}). Documents api-service alone uses live in
 * api-service.
 */
package io.mirrormaestro.common.store;
