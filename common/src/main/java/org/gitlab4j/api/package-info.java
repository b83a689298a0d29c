/**
 * {@link org.gitlab4j.api.SingleRuntimeApiClient}: a gitlab4j {@code GitLabApiClient} with one Jersey runtime for all
 * requests and every connection checked by {@code AddressGuard}; it sits in gitlab4j's package because only there can
 * it replace a {@code GitLabApi}'s package-private client (see common's README).
 */
package org.gitlab4j.api;
