package io.mirrormaestro.common.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Keeps GitLab calls off loopback and private networks unless {@code MM_ALLOW_PRIVATE_ADDRESSES} allows them: a
 * registered GitLab URL must not become a way to reach internal services. The check runs where a connection is
 * opened, on the addresses the name resolves to then, so a name that resolved to a public address at registration
 * and to a private one later (DNS rebinding) is refused too. The JVM caches what a name resolved to (30 s by
 * default), so the connection made right after the check uses the addresses checked.
 *
 * <p>Refused: loopback ({@code 127/8}, {@code ::1}), the unspecified address ({@code 0.0.0.0}, {@code ::}, and
 * {@code 0/8}), private IPv4 ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}), shared address space
 * ({@code 100.64/10}), link-local ({@code 169.254/16}, {@code fe80::/10}), IPv6 unique local ({@code fc00::/7}),
 * site-local IPv6, multicast, and IPv6 forms that embed one of those IPv4 addresses (IPv4-mapped, IPv4-compatible,
 * 6to4, NAT64 {@code 64:ff9b::/96}). A host is judged by every address it resolves to. Numeric hosts are read as
 * the JDK reads them when it connects (a decimal {@code 2130706433} is {@code 127.0.0.1}; {@code 0x7f.1} is a name
 * that does not resolve).
 */
public final class AddressGuard {

    private AddressGuard() {}

    /** @return why the host may not be called, or empty when it may */
    public static Optional<String> check(String host) {
        if (host == null || host.isBlank()) {
            return Optional.of("has no host");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isPrivate(address)) {
                    return Optional.of("'" + host + "' points to a loopback or private address ("
                            + address.getHostAddress() + "); set MM_ALLOW_PRIVATE_ADDRESSES=true to allow it");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("host '" + host + "' cannot be resolved");
        }
        return Optional.empty();
    }

    /** Refuses the host when it may not be called, as a connection failure naming the reason. */
    public static void require(String host) throws RefusedAddressException {
        Optional<String> refusal = check(host);
        if (refusal.isPresent()) {
            throw new RefusedAddressException(refusal.get());
        }
    }

    /** Whether calls to this address would reach a loopback, private, link-local or otherwise internal network. */
    public static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] raw = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPrivateV4(raw);
        }
        if (address instanceof Inet6Address) {
            if ((raw[0] & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            byte[] embedded = embeddedV4(raw);
            return embedded != null && isPrivateV4(embedded);
        }
        return false;
    }

    private static boolean isPrivateV4(byte[] a) {
        int first = a[0] & 0xff;
        int second = a[1] & 0xff;
        return first == 0 // "this network", 0/8
                || first == 10
                || first == 127
                || (first == 100 && second >= 64 && second <= 127) // shared address space 100.64/10
                || (first == 169 && second == 254)
                || (first == 172 && second >= 16 && second <= 31)
                || (first == 192 && second == 168)
                || first >= 224; // multicast and reserved, broadcast
    }

    /** The IPv4 address an IPv6 address carries (mapped, compatible, 6to4, NAT64), or null. */
    private static byte[] embeddedV4(byte[] a) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= a[i] == 0;
        }
        if (zeroPrefix && ((a[10] == (byte) 0xff && a[11] == (byte) 0xff) || (a[10] == 0 && a[11] == 0))) {
            return new byte[] {a[12], a[13], a[14], a[15]}; // ::ffff:a.b.c.d and ::a.b.c.d
        }
        if (a[0] == 0x20 && a[1] == 0x02) {
            return new byte[] {a[2], a[3], a[4], a[5]}; // 6to4 2002:aabb:ccdd::/48
        }
        boolean nat64 = a[0] == 0 && a[1] == 0x64 && a[2] == (byte) 0xff && a[3] == (byte) 0x9b;
        for (int i = 4; i < 12 && nat64; i++) {
            nat64 = a[i] == 0;
        }
        return nat64 ? new byte[] {a[12], a[13], a[14], a[15]} : null;
    }

    /** A connection refused before it was opened, because of where it would lead. */
    public static final class RefusedAddressException extends IOException {

        public RefusedAddressException(String message) {
            super(message);
        }
    }
}
