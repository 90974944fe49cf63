package io.jwtbridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTests {

    @Test
    void ipv4NetworkContainsItsAddressesOnly() {
        Cidr network = Cidr.parse("10.0.0.0/8").orElseThrow();
        assertThat(network.contains("10.255.1.2")).isTrue();
        assertThat(network.contains("11.0.0.1")).isFalse();
        assertThat(network.contains("::ffff:10.1.2.3")).as("IPv4-mapped IPv6").isTrue();
        assertThat(network.contains("::1")).isFalse();
        assertThat(network.toString()).isEqualTo("10.0.0.0/8");
    }

    @Test
    void ipv6NetworkContainsItsAddressesOnly() {
        Cidr network = Cidr.parse("2001:DB8::/32").orElseThrow();
        assertThat(network.contains("2001:db8:1::5")).isTrue();
        assertThat(network.contains("2001:db9::5")).isFalse();
        assertThat(network.contains("10.0.0.1")).isFalse();
        assertThat(network.toString()).isEqualTo("2001:db8::/32");
        assertThat(Cidr.parse("2001:db8:0:0::/32")).contains(network);
    }

    @Test
    void bareAddressIsThatAddressAlone() {
        Cidr host = Cidr.parse("127.0.0.2").orElseThrow();
        assertThat(host.toString()).isEqualTo("127.0.0.2/32");
        assertThat(host.contains("127.0.0.2")).isTrue();
        assertThat(host.contains("127.0.0.1")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").orElseThrow().contains("203.0.113.9"))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "10.0.0.300/8",
                "10.0.0.1/8",
                "10.0.0.0/33",
                "10.0.0.0/-1",
                "10.0.0.0/08",
                "10.0.0/8",
                "010.0.0.0/8",
                "example.com/8",
                "localhost",
                "::1/129",
                "fe80::1%eth0/128",
                "10.0.0.0/8,11.0.0.0/8",
                " 10.0.0.0/8"
            })
    void anythingElseIsNotANetwork(String text) {
        assertThat(Cidr.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "10.0.0.1.5", "1.2.3", "unknown", "10.0.0.1, 10.0.0.2"})
    void nonAddressesAreInNoNetwork(String address) {
        assertThat(Cidr.parse("0.0.0.0/0").orElseThrow().contains(address)).isFalse();
        assertThat(Cidr.parse("::/0").orElseThrow().contains(address)).isFalse();
    }
}
