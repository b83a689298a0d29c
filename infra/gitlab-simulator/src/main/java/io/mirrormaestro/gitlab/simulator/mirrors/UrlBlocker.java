package io.mirrormaestro.gitlab.simulator.mirrors;

import io.mirrormaestro.gitlab.simulator.model.InstanceState;
import io.mirrormaestro.gitlab.simulator.model.MirrorUrl;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * GitLab's check of mirror and import URLs as public URLs: RemoteMirror and Project#import_url validate with {@code
 * public_url: {..., enforce_user: true}} (app/models/remote_mirror.rb, app/validators/public_url_validator.rb), which
 * runs {@code Gitlab::HTTP_V2::UrlBlocker.validate!} with {@code allow_localhost: false, allow_local_network: false}
 * unless the admin setting {@code allow_local_requests_from_web_hooks_and_services} is on, and with the {@code
 * outbound_local_requests_whitelist} (app/validators/addressable_url_validator.rb,
 * gems/gitlab-http/lib/gitlab/http_v2/url_blocker.rb, doc/security/webhooks.md).
 *
 * <p>The order of the checks and the messages are the blocker's. Like the validator (which saves without DNS-rebinding
 * protection), a host name the simulated network cannot resolve passes; only loopback names resolve here. {@code
 * 127.0.0.1}, {@code ::1} and {@code 0.0.0.0} are "localhost" rather than "loopback" because the blocker first compares
 * with {@code Socket.ip_address_list}, which holds the machine's loopback addresses; {@code 127.0.0.2} is "loopback".
 */
public final class UrlBlocker {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern ALNUM_START = Pattern.compile("\\A[\\p{L}\\p{N}].*", Pattern.DOTALL);

    private UrlBlocker() {}

    /** Null when GitLab would accept the URL, else the blocker's reason ("Requests to ... are not allowed"). */
    public static String blockedReason(InstanceState state, MirrorUrl url) {
        String user = url.user();
        if (user != null && !user.isEmpty() && !ALNUM_START.matcher(user).matches()) {
            return "Username needs to start with an alphanumeric character";
        }
        String host = url.host().toLowerCase(Locale.ROOT);
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress address = resolve(bareHost);
        if (address == null) {
            if (!bareHost.isEmpty() && !ALNUM_START.matcher(bareHost).matches()) {
                return "Hostname or IP address invalid";
            }
            return null;
        }
        int port = url.port();
        if (allowlisted(state.localRequestsAllowlist(), bareHost, address, port)) {
            return null;
        }
        // UrlBlocker#internal?: the instance's own web address is always allowed
        if (url.scheme().startsWith("http") && bareHost.equals("127.0.0.1") && port == state.port()) {
            return null;
        }
        if (state.allowLocalRequests()) {
            return null;
        }
        return localReason(address);
    }

    private static String localReason(InetAddress address) {
        byte[] b = address.getAddress();
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() && isCanonicalLoopback(address)) {
            return "Requests to localhost are not allowed";
        }
        if (address.isLoopbackAddress()) {
            return "Requests to loopback addresses are not allowed";
        }
        if (address.isSiteLocalAddress() || address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return "Requests to the local network are not allowed";
        }
        if (address.isLinkLocalAddress()) {
            return "Requests to the link local network are not allowed";
        }
        if (address instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return "Requests to the shared address space are not allowed";
        }
        if (address instanceof Inet4Address && (b[0] & b[1] & b[2] & b[3] & 0xff) == 0xff) {
            return "Requests to the limited broadcast address are not allowed";
        }
        return null;
    }

    private static boolean isCanonicalLoopback(InetAddress address) {
        byte[] b = address.getAddress();
        return address instanceof Inet6Address || b[1] == 0 && b[2] == 0 && b[3] == 1;
    }

    /** Literal addresses, and "localhost"; anything else is a name the simulated network cannot resolve. */
    private static InetAddress resolve(String host) {
        try {
            if (host.equals("localhost")) {
                return InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1});
            }
            if (IPV4.matcher(host).matches()) {
                String[] parts = host.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int v = Integer.parseInt(parts[i]);
                    if (v > 255) {
                        return null;
                    }
                    bytes[i] = (byte) v;
                }
                return InetAddress.getByAddress(bytes);
            }
            if (host.indexOf(':') >= 0 && host.matches("[0-9a-f:.]+")) {
                return InetAddress.getByName(host); // an IPv6 literal: no lookup
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    /**
     * Gitlab::UrlBlockers::UrlAllowlist: entries are host names, IP addresses or CIDR ranges, host names and addresses
     * optionally with ":port" ("[v6]:port"); no wildcards (doc/security/webhooks.md).
     */
    static boolean allowlisted(List<String> entries, String host, InetAddress address, int port) {
        for (String raw : entries) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("/")) {
                if (inRange(entry, address)) {
                    return true;
                }
                continue;
            }
            String entryHost = entry;
            Integer entryPort = null;
            if (entry.startsWith("[")) {
                int end = entry.indexOf(']');
                entryHost = entry.substring(1, end);
                if (entry.length() > end + 2 && entry.charAt(end + 1) == ':') {
                    entryPort = Integer.parseInt(entry.substring(end + 2));
                }
            } else if (entry.chars().filter(c -> c == ':').count() == 1) {
                int colon = entry.indexOf(':');
                entryHost = entry.substring(0, colon);
                entryPort = Integer.parseInt(entry.substring(colon + 1));
            }
            if (entryPort != null && entryPort != port) {
                continue;
            }
            InetAddress entryAddress = resolve(entryHost);
            boolean sameHost = entryHost.equals(host);
            boolean sameAddress =
                    entryAddress != null && !entryHost.equals("localhost") && entryAddress.equals(address);
            if (sameHost || sameAddress) {
                return true;
            }
        }
        return false;
    }

    private static boolean inRange(String cidr, InetAddress address) {
        int slash = cidr.indexOf('/');
        InetAddress network = resolve(cidr.substring(0, slash));
        if (network == null || network.getClass() != address.getClass()) {
            return false;
        }
        int bits;
        try {
            bits = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((a[i] & mask) != (n[i] & mask)) {
                return false;
            }
        }
        return true;
    }
}
