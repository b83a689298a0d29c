package io.mirrormaestro.worker.gitlab;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials inside mirror URLs. They are secrets: anything that may be logged or shown goes through
 * {@link #mask}, which writes them the way GitLab does ({@code https://*****:*****@host/path}).
 */
public final class MirrorUrl {

    private static final String MASK = "*****";
    private static final Pattern USERINFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)@");

    private MirrorUrl() {}

    public static boolean hasCredentials(String url) {
        return url != null && USERINFO.matcher(url).find();
    }

    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = USERINFO.matcher(url);
        if (!m.find()) {
            return url;
        }
        String masked = m.group(2).contains(":") ? MASK + ":" + MASK : MASK;
        return m.group(1) + masked + "@" + url.substring(m.end());
    }

    /** {@code url} (without credentials) with {@code user:password@} added, both percent-encoded. */
    public static String withCredentials(String url, String user, String password) {
        if (user == null && password == null) {
            return url;
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("not an absolute URL: " + mask(url));
        }
        String userinfo = encode(user == null ? "" : user) + (password == null ? "" : ":" + encode(password));
        return url.substring(0, schemeEnd + 3) + userinfo + "@" + url.substring(schemeEnd + 3);
    }

    /** RFC 3986 userinfo: everything but the unreserved characters is percent-encoded. */
    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
