/**
 * The reads api-service makes to GitLab itself: checking an instance URL and token before saving them, the project
 * and group pickers, and the mirrors a project already has (read as the workers read them, through
 * {@link io.mirrormaestro.common.gitlab.MirrorReads}). Never a mutation; those are commands the workers carry out.
 */
package io.mirrormaestro.api.gitlab;
