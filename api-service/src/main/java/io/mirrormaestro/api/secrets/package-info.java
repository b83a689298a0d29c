/**
 * Secrets stored encrypted at rest: where they are ({@link io.mirrormaestro.api.secrets.StoredSecrets}) and the
 * background re-encryption that rotates them to a new key ({@link io.mirrormaestro.api.secrets.KeyRotation}).
 */
package io.mirrormaestro.api.secrets;
