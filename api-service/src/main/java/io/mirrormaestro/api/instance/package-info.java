/**
 * GitLab instances ({@code /api/instances}): registering them (URL and token checked with GitLab, URLs held to an
 * address policy), changing and removing them with their dependents, re-checks and the project and group pickers.
 */
package io.mirrormaestro.api.instance;
