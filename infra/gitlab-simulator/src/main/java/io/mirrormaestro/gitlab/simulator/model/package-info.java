/**
 * The simulated instance's state as GitLab's models hold it: projects, groups, users, tokens, push and pull mirrors
 * ({@code ProjectRec}, {@code GroupRec}, {@code UserRec}, {@code TokenRec}, {@code PushMirrorRec}, {@code
 * PullMirrorRec}), GitLab's roles and versions, and the clock the instance runs on ({@code SimClock}); {@code
 * InstanceState} holds them all (concurrent reads, multi-field changes under one lock).
 */
package io.mirrormaestro.gitlab.simulator.model;
