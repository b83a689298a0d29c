/**
 * Where GitLab calls may go: {@link io.mirrormaestro.common.net.AddressGuard} refuses loopback, private and other
 * internal addresses, checked when a connection opens, unless {@code MM_ALLOW_PRIVATE_ADDRESSES} allows them.
 */
package io.mirrormaestro.common.net;
