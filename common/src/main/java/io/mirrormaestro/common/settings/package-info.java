/**
 * The rules both services must apply alike: a mirror's effective settings, field by field, with where each came from
 * ({@link io.mirrormaestro.common.settings.MirrorSettings}), the group token a mirror URL embeds
 * ({@link io.mirrormaestro.common.settings.TokenLookup}), GitLab group and project path syntax
 * ({@link io.mirrormaestro.common.settings.GroupPaths}), repository URLs and whether a masked mirror URL points at one
 * ({@link io.mirrormaestro.common.settings.RepositoryUrls}), and which instances may pull
 * ({@link io.mirrormaestro.common.settings.PullMirroring}). api-service resolves with them to answer and validate;
 * worker-service to converge GitLab.
 */
package io.mirrormaestro.common.settings;
