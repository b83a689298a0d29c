/**
 * Group access tokens ({@code /api/tokens}): the tokens mirror URLs embed, each value shown to GitLab before it is
 * stored (expiry and scopes as GitLab reports them), rotated in place and re-embedded in the mirrors that use them.
 */
package io.mirrormaestro.api.token;
