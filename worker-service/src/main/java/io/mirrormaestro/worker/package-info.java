/**
 * The worker's application: {@link io.mirrormaestro.worker.WorkerApplication} (settings from
 * {@code worker-service.yml}, so the embedded launcher can run it beside api-service in one JVM), its typed settings
 * ({@link io.mirrormaestro.worker.WorkerSettings}, {@code mm.worker.*}) and the beans every feature shares: the token
 * cipher and the error handler that delivers a poll again until its commands can be claimed and recorded.
 */
package io.mirrormaestro.worker;
