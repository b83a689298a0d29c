package io.mirrormaestro.api.instance;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Refuses GitLab URLs that resolve to loopback, private, link-local or wildcard addresses unless allowed: the
 * workers call whatever URL is registered, so an open API must not let anyone aim them at internal services.
 */
final class AddressPolicy {

    private AddressPolicy() {}

    /** @return why the URL is refused, or empty when it may be used */
    static Optional<String> check(String url, boolean allowPrivate) {
        String host = URI.create(url).getHost();
        if (host == null) {
            return Optional.of("has no host");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress()
                        || address.isSiteLocalAddress()
                        || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress()
                        || isUniqueLocalV6(address)) {
                    return Optional.of("points to a loopback or private address (" + address.getHostAddress()
                            + "); set MM_ALLOW_PRIVATE_ADDRESSES=true to allow it");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("host '" + host + "' cannot be resolved");
        }
        return Optional.empty();
    }

    private static boolean isUniqueLocalV6(InetAddress address) {
        byte[] raw = address.getAddress();
        return raw.length == 16 && (raw[0] & 0xfe) == 0xfc;
    }
}
