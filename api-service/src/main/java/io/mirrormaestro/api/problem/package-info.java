/**
 * One error format for the whole API: RFC 9457 {@code application/problem+json}, built in
 * {@link io.mirrormaestro.api.problem.ProblemDetails} (and {@link io.mirrormaestro.api.problem.ProblemResponses} where
 * Spring MVC cannot), and the exceptions features throw to get a 400, 404, 409, 422 or 502.
 */
package io.mirrormaestro.api.problem;
