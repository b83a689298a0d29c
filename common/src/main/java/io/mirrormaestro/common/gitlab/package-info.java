/**
 * Reading a project's mirrors from GitLab, shared by api-service and worker-service:
 * {@link io.mirrormaestro.common.gitlab.MirrorReads} lists a project's push mirrors (every page) and reads one, and
 * reads its pull mirror, on gitlab4j's {@link org.gitlab4j.api.AbstractApi} with a client from
 * {@link org.gitlab4j.api.SingleRuntimeApiClient}; the answers are {@link io.mirrormaestro.common.gitlab.PushMirror}
 * and {@link io.mirrormaestro.common.gitlab.PullMirror}, read by {@link io.mirrormaestro.common.gitlab.GitLabJson}.
 * Changing mirrors is the worker's alone (its {@code MirrorEndpoints} adds the writes to these reads).
 */
package io.mirrormaestro.common.gitlab;
