/**
 * The HTTP layer: {@code ApiServer} on the JDK's server, {@code Router} and {@code Call}, GitLab-style requests,
 * answers and errors ({@code ApiRequest}, {@code ApiResponse}, {@code ApiException}, {@code ValidationErrors}),
 * keyset and offset {@code Pagination}, and the {@code RequestLog}.
 */
package io.mirrormaestro.gitlab.simulator.http;
