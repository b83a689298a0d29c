/**
 * Group, project and personal access tokens: GitLab's token endpoints ({@code AccessTokensApi}), their creation,
 * rotation and revocation ({@code TokenService}), and access level names ({@code AccessLevelNames}).
 */
package io.mirrormaestro.gitlab.simulator.tokens;
