/**
 * The reads api-service makes to GitLab itself: checking an instance URL and token before saving them, and the
 * project and group pickers. Never a mutation; those are commands the workers carry out.
 */
package io.mirrormaestro.api.gitlab;
