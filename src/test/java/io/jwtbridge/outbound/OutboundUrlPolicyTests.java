package io.jwtbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundUrlPolicyTests {

    final OutboundUrlPolicy strict = new OutboundUrlPolicy(new OutboundProperties(false, false));
    final OutboundUrlPolicy relaxed = new OutboundUrlPolicy(new OutboundProperties(true, true));

    @ParameterizedTest
    @CsvSource({
        "0x7f000001, 127.0.0.1",
        "2130706433, 127.0.0.1",
        "0177.0.0.1, 127.0.0.1",
        "127.1, 127.0.0.1",
        "10.1, 10.0.0.1",
        "0xa9.0xfe.0xa9.0xfe, 169.254.169.254",
        "192.168.0x1.1, 192.168.1.1",
        "8.8.8.8, 8.8.8.8"
    })
    void readsIpv4LiteralsAsInetAtonDoes(String host, String expected) throws Exception {
        assertThat(AddressClassifier.parseLiteral(host)).contains(InetAddress.getByName(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "0x", "1.2.3.4.5", "256.1.1.1", "4294967296", "deadbeef", "1..1"})
    void namesAndOutOfRangeNumbersAreNotLiterals(String host) {
        assertThat(AddressClassifier.parseLiteral(host)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "10.0.0.1",
                "172.31.255.255",
                "192.168.0.1",
                "169.254.169.254",
                "0.0.0.0",
                "100.64.0.1",
                "224.0.0.1",
                "255.255.255.255",
                "::1",
                "::",
                "fe80::1",
                "fc00::1",
                "fd12:3456::1",
                "ff02::1",
                "::ffff:10.0.0.1",
                "64:ff9b::a00:1",
                "2002:7f00:1::"
            })
    void nonPublicAddressesAreRecognised(String address) throws Exception {
        assertThat(AddressClassifier.nonPublicReason(InetAddress.getByName(address)))
                .isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "2a00:1450:4001::1"})
    void publicAddressesPass(String address) throws Exception {
        assertThat(AddressClassifier.nonPublicReason(InetAddress.getByName(address)))
                .isEmpty();
    }

    @Test
    void strictPolicyWantsPublicHttps() {
        assertThat(strict.refusalOf("https://keys.example.com/jwks")).isEmpty();
        assertThat(strict.refusalOf("https://8.8.8.8/jwks")).isEmpty();
        assertThat(strict.refusalOf("http://keys.example.com/jwks")).contains("must be an https URL");
        assertThat(strict.refusalOf("https://127.0.0.1/jwks"))
                .hasValueSatisfying(r -> assertThat(r).contains("loopback"));
        assertThat(strict.refusalOf("https://localhost/jwks"))
                .hasValueSatisfying(r -> assertThat(r).contains("resolves"));
        assertThat(strict.refusalOf("https://[::ffff:7f00:1]/jwks")).isPresent();
    }

    @Test
    void propertiesRelaxBothRules() {
        assertThat(relaxed.refusalOf("http://127.0.0.1:8080/jwks")).isEmpty();
        assertThat(relaxed.refusalOf("https://localhost/jwks")).isEmpty();
        assertThat(relaxed.refusalOf("ftp://127.0.0.1/jwks")).isPresent();
        assertThat(new OutboundUrlPolicy(new OutboundProperties(true, false)).refusalOf("http://127.0.0.1/jwks"))
                .isPresent();
        assertThat(new OutboundUrlPolicy(new OutboundProperties(false, true)).refusalOf("http://127.0.0.1/jwks"))
                .isPresent();
        assertThat(new OutboundUrlPolicy(new OutboundProperties(false, true)).refusalOf("http://keys.example.com/k"))
                .isEmpty();
    }
}
