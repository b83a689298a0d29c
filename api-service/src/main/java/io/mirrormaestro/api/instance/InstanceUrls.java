package io.mirrormaestro.api.instance;

import io.mirrormaestro.api.problem.UnprocessableException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** How an instance URL is written down: scheme (https when omitted), host, optional port and sub-path, no slash at the end. */
final class InstanceUrls {

    private InstanceUrls() {}

    static String normalize(String raw) {
        String url = raw.trim();
        if (!url.contains("://")) {
            url = "https://" + url;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UnprocessableException("url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UnprocessableException("url", "must use http or https, not '" + uri.getScheme() + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new UnprocessableException("url", "has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UnprocessableException("url", "must not contain credentials; give the token separately");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UnprocessableException("url", "must not have a query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return scheme + "://" + uri.getRawAuthority() + path;
    }
}
