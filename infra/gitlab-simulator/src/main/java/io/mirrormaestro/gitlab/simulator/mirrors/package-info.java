/**
 * Mirrors as GitLab runs them: the remote (push) mirror and pull mirror endpoints ({@code PushMirrorsApi}, {@code
 * PullMirrorsApi}), the {@code MirrorEngine} that schedules and runs their updates against the other simulated
 * instances ({@code RemoteDirectory}, {@code GitRemote}), branch regex validation ({@code BranchFilter}) and
 * GitLab's URL blocker ({@code UrlBlocker}).
 */
package io.mirrormaestro.gitlab.simulator.mirrors;
