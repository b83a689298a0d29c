/**
 * Everything that talks to GitLab: one {@link io.mirrormaestro.worker.gitlab.GitLabGateway} per registered
 * instance (from {@link io.mirrormaestro.worker.gitlab.GitLabGateways}), wrapping gitlab4j-api with the mirror calls
 * gitlab4j lacks, the instance's own concurrency and rate limits, GitLab's throttling answers, and
 * {@link io.mirrormaestro.worker.gitlab.GitLabFailure} to tell retryable failures from final ones.
 */
package io.mirrormaestro.worker.gitlab;
