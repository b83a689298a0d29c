/**
 * Moving over from the original tool: its backup archive (tar.gz with {@code database.json}, its Fernet
 * {@code encryption.key} and {@code backup_metadata.json}) is read and checked whole, its tokens decrypted, every
 * instance, pair and mirror checked against our store and against GitLab, and only then written: instances, pairs
 * with their defaults, and mirrors that adopt the GitLab mirrors the original created (its per-mirror project access
 * tokens kept as the mirrors' own tokens until they are moved to group tokens).
 */
package io.mirrormaestro.api.migrate;
