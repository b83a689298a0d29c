/**
 * Who a request is: {@code Authenticator} finds its token as GitLab's AuthFinders do (headers, query, reuse
 * detection) and answers the {@code Principal} behind it.
 */
package io.mirrormaestro.gitlab.simulator.auth;
