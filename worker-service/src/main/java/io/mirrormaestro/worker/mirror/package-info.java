/**
 * Converges GitLab to the mirrors Mirror Maestro manages: one {@link io.mirrormaestro.worker.command.CommandHandler}
 * for {@link io.mirrormaestro.common.command.MirrorCommand} takes a per-mirror lock, loads the mirror with its pair,
 * instances, defaults and group token, and hands over to one small class per action (create, update, sync, delete,
 * verify, rotate credentials, resume). Push mirrors live on the source project and point at the target; pull mirrors
 * live on the target project and point at the source. Every action is idempotent: it looks at what GitLab already has
 * before changing anything, so an attempt repeated after a crash never leaves a second mirror behind.
 *
 * <p>Also here, because they read and write the same mirror documents: import lines recorded when their create runs
 * ({@link io.mirrormaestro.worker.mirror.ImportLines}), the reads that learn how a requested sync ended
 * ({@link io.mirrormaestro.worker.mirror.SyncFollowUps}), and the status refresh, background
 * ({@link io.mirrormaestro.worker.mirror.RefreshPlanner}, {@link io.mirrormaestro.worker.mirror.StatusRefresh}) and
 * on request ({@link io.mirrormaestro.worker.mirror.RefreshMirrorsHandler}).
 */
package io.mirrormaestro.worker.mirror;
