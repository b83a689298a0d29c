/**
 * Converges GitLab to the mirrors Mirror Maestro manages: one {@link io.mirrormaestro.worker.command.CommandHandler}
 * for {@link io.mirrormaestro.common.command.MirrorCommand} takes a per-mirror lock, loads the mirror with its pair,
 * instances, defaults and group token, and hands over to one small class per action (create, update, sync, delete,
 * verify, rotate credentials). Push mirrors live on the source project and point at the target; pull mirrors live on
 * the target project and point at the source. Every action is idempotent: it looks at what GitLab already has before
 * changing anything, so an attempt repeated after a crash never leaves a second mirror behind.
 */
package io.mirrormaestro.worker.mirror;
