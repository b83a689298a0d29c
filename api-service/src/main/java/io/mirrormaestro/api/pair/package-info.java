/**
 * Instance pairs ({@code /api/pairs}): a source and a target instance with the default mirror settings their
 * mirrors inherit, and the branch-regex check GitLab's RE2 would make.
 */
package io.mirrormaestro.api.pair;
