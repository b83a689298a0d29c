/**
 * What the API's MongoDB store needs beyond the records of {@code io.mirrormaestro.common.store}: its indexes
 * (unique ones make a lost race a 409), the uniqueness checks that give a clear 409 first, and what deleting an
 * instance or a pair cascades to.
 */
package io.mirrormaestro.api.store;
