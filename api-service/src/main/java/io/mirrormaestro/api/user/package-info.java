/**
 * Users and roles: local users (BCrypt) stored in MongoDB with a role ({@link io.mirrormaestro.api.user.Role}), the
 * first admin seeded from {@code MM_AUTH_USERNAME}/{@code MM_AUTH_PASSWORD}, users signed in through OpenID Connect
 * recorded with the role their claim maps to, and per-user API tokens (shown once, stored as SHA-256 digests) for
 * automation. {@code /api/users} is the admins' CRUD, {@code /api/users/me/tokens} everyone's own tokens.
 */
package io.mirrormaestro.api.user;
