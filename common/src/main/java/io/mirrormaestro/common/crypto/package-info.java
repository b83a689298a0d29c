/**
 * GitLab tokens at rest: the key both services share ({@link io.mirrormaestro.common.crypto.TokenKey}, from
 * {@code MM_ENCRYPTION_KEY} or generated once into the data directory) and the AES-256-GCM cipher that seals and
 * opens stored tokens, with the previous key as a fallback during a rotation
 * ({@link io.mirrormaestro.common.crypto.TokenCipher}).
 */
package io.mirrormaestro.common.crypto;
