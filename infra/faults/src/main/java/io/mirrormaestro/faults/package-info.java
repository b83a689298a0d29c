/**
 * The fault suite (issue #12): {@link io.mirrormaestro.faults.FaultSuite} starts the whole system as separate
 * processes ({@code Stack}, {@code Proc}, {@code InfraMain}) against simulated GitLabs ({@code Sim}) and runs its
 * scenarios: crashes ({@code kill -9}) mid-import and mid-batch, Kafka and MongoDB outages, GitLab refusals and
 * outages ({@code FlakyProxy}), abuse and fuzzed requests, load, and the log canary; each checks the invariants
 * ({@code Steps}) and adds its row to the {@code Report}. See docs/RELIABILITY.md.
 */
package io.mirrormaestro.faults;
