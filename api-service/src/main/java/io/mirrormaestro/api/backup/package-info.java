/**
 * Backup and restore: one archive with all configuration and mirror state (instances, pairs, group tokens, group
 * defaults, mirrors, and mirrors' own tokens, schedules, notification channels and rules, users and API tokens where they exist), its secrets sealed under a
 * passphrase the user gives; a restore into an empty or running installation, checked in full (dry run) before
 * anything is written, that re-encrypts the secrets with this installation's key.
 */
package io.mirrormaestro.api.backup;
