/**
 * Who may do what and how they sign in: the security configuration and its roles per path, browser sessions with
 * CSRF, OpenID Connect, HTTP Basic with a sign-in throttle, per-user API tokens, the read-only metrics user, and the
 * refusal of cross-site writes.
 */
package io.mirrormaestro.api.security;
