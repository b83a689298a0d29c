/**
 * GitLab's API surface besides mirrors: projects and groups ({@code ProjectsApi}, {@code GroupsApi}, with GitLab's
 * finders and filters in {@code Finders} and {@code ProjectQuery}), {@code /version} and {@code /user} ({@code
 * MetaApi}), and the entities as GitLab renders them ({@code Entities}).
 */
package io.mirrormaestro.gitlab.simulator.api;
