/**
 * The original tool's global search, {@code GET /api/search}: instances, pairs, mirrors and (new) groups whose names,
 * URLs, descriptions or project paths contain the query, case-insensitively, each item linking to its UI page.
 */
package io.mirrormaestro.api.search;
