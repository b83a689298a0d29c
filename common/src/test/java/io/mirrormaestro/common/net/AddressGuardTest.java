package io.mirrormaestro.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What counts as an internal address, in every form a GitLab URL's host can take. */
class AddressGuardTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.8.9.10",
                "localhost",
                "0.0.0.0",
                "0.1.2.3",
                "10.0.0.1",
                "10.255.255.255",
                "172.16.0.1",
                "172.31.255.254",
                "192.168.0.1",
                "192.168.255.255",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.255",
                "224.0.0.1",
                "255.255.255.255",
                "2130706433", // 127.0.0.1 as one decimal number, as the JDK reads it
                "167772161", // 10.0.0.1
                "::1",
                "::",
                "[::1]",
                "fe80::1",
                "fc00::1",
                "fd12:3456::1",
                "fec0::1",
                "ff02::1",
                "::ffff:127.0.0.1",
                "::ffff:10.1.2.3",
                "::ffff:a9fe:a9fe", // 169.254.169.254, mapped, in hex
                "::10.0.0.1",
                "2002:7f00:1::", // 6to4 of 127.0.0.1
                "2002:c0a8:101::1", // 6to4 of 192.168.1.1
                "64:ff9b::a00:1" // NAT64 of 10.0.0.1
            })
    void internalAddressesAreRefused(String host) {
        assertThat(AddressGuard.check(host))
                .hasValueSatisfying(why -> assertThat(why).contains("loopback or private address"));
        assertThatThrownBy(() -> AddressGuard.require(host))
                .isInstanceOf(AddressGuard.RefusedAddressException.class)
                .hasMessageContaining("MM_ALLOW_PRIVATE_ADDRESSES");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "172.15.255.255",
                "172.32.0.1",
                "192.169.0.1",
                "100.63.255.255",
                "100.128.0.1",
                "203.0.113.10",
                "2001:4860:4860::8888",
                "::ffff:8.8.8.8",
                "2002:808:808::1"
            })
    void publicAddressesMayBeCalled(String host) {
        assertThat(AddressGuard.check(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void noHostIsRefused(String host) {
        assertThat(AddressGuard.check(host)).hasValue("has no host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "::1", "::ffff:192.168.0.1"})
    void addressesAreJudgedAsTheyAreConnectedTo(String literal) throws Exception {
        assertThat(AddressGuard.isPrivate(InetAddress.getByName(literal))).isTrue();
    }
}
