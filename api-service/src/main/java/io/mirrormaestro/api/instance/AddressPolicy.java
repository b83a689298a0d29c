package io.mirrormaestro.api.instance;

import io.mirrormaestro.common.net.AddressGuard;
import java.net.URI;
import java.util.Optional;

/**
 * Refuses GitLab URLs that resolve to loopback, private, link-local or wildcard addresses unless allowed: the
 * workers call whatever URL is registered, so an open API must not let anyone aim them at internal services. The
 * same guard runs again on every connection either service opens to GitLab ({@link AddressGuard}), for names that
 * resolve elsewhere later.
 */
final class AddressPolicy {

    private AddressPolicy() {}

    /** @return why the URL is refused, or empty when it may be used */
    static Optional<String> check(String url, boolean allowPrivate) {
        String host = URI.create(url).getHost();
        if (host == null) {
            return Optional.of("has no host");
        }
        return allowPrivate ? Optional.empty() : AddressGuard.check(host);
    }
}
