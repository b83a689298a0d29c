package io.mirrormaestro.gitlab.simulator.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mirror URL split the way GitLab's UrlSanitizer splits it: the userinfo before the last "@" is
 * the credentials, everything after the scheme and userinfo is kept verbatim.
 */
public record MirrorUrl(String scheme, String user, String password, String rest) {

    private static final Pattern URL = Pattern.compile("\\A(git|ssh|https?)://(?:(.+)@)?(.+)\\z");
    private static final Pattern URL_IN_TEXT =
            Pattern.compile("(?i)\\b(git|ssh|https?)://([^\\s/@'\"]+)@", Pattern.CASE_INSENSITIVE);
    private static final String MASK = "*****";

    /** Returns null when the URL does not use one of GitLab's allowed mirror schemes. */
    public static MirrorUrl parse(String raw) {
        if (raw == null) {
            return null;
        }
        Matcher m = URL.matcher(raw.trim());
        if (!m.matches()) {
            return null;
        }
        String user = null;
        String password = null;
        String credentials = m.group(2);
        if (credentials != null && !credentials.isEmpty()) {
            String[] parts = credentials.split(":", -1);
            user = emptyToNull(parts[0]);
            password = parts.length > 1 ? emptyToNull(parts[1]) : null;
        }
        return new MirrorUrl(m.group(1).toLowerCase(Locale.ROOT), user, password, m.group(3));
    }

    public MirrorUrl withCredentials(String newUser, String newPassword) {
        return new MirrorUrl(scheme, newUser, newPassword, rest);
    }

    public String withoutCredentials() {
        return scheme + "://" + rest;
    }

    public String full() {
        if (user == null && password == null) {
            return withoutCredentials();
        }
        return scheme + "://" + (user == null ? "" : user) + (password == null ? "" : ":" + password) + "@" + rest;
    }

    /**
     * GitLab's SafeUrl#safe_url (app/models/concerns/safe_url.rb): user replaced unless allowed (push
     * mirrors allow "git"), password replaced when present. Ruby's URI reports an empty user name as
     * "", which is present, so "http://:token@host" masks as "http://*****:*****@host".
     */
    public String masked(Set<String> allowedUsers) {
        if (user == null && password == null) {
            return withoutCredentials();
        }
        String u = user != null && allowedUsers.contains(user) ? user : MASK;
        String p = password == null ? "" : ":" + MASK;
        return scheme + "://" + u + p + "@" + rest;
    }

    public String masked() {
        return masked(Set.of());
    }

    public String hostAndPort() {
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    public String host() {
        String hp = hostAndPort();
        if (hp.startsWith("[")) {
            int end = hp.indexOf(']');
            return end < 0 ? hp : hp.substring(0, end + 1);
        }
        int colon = hp.lastIndexOf(':');
        return colon < 0 ? hp : hp.substring(0, colon);
    }

    /** Explicit port or the scheme's default. */
    public int port() {
        String hp = hostAndPort();
        int colon = hp.lastIndexOf(':');
        int bracket = hp.lastIndexOf(']');
        if (colon > bracket && colon >= 0) {
            try {
                return Integer.parseInt(hp.substring(colon + 1));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return switch (scheme) {
            case "https" -> 443;
            case "http" -> 80;
            case "ssh" -> 22;
            default -> 9418;
        };
    }

    /** Repository path without leading slash and without ".git", e.g. "platform/core/api". */
    public String repositoryPath() {
        int slash = rest.indexOf('/');
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        return path;
    }

    /** Gitlab::UrlSanitizer.sanitize: masks credentials of every URL inside free text. */
    public static String sanitizeText(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        Matcher m = URL_IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String credentials = m.group(2);
            int colon = credentials.indexOf(':');
            String replacement =
                    colon < 0 ? MASK : (colon == 0 ? "" : MASK) + (colon == credentials.length() - 1 ? "" : ":" + MASK);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "://" + replacement + "@"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public String toString() {
        return masked();
    }
}
