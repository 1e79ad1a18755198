package io.picturepipeline.retry.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRulesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.0.0.2",
                "0.0.0.0",
                "0.1.2.3",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "169.254.0.1",
                "100.64.0.1",
                "100.127.255.254",
                "192.0.0.170",
                "198.18.0.1",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                "::1",
                "::",
                "fe80::1",
                "fec0::1",
                "fc00::1",
                "fd12:3456:789a::1",
                "ff02::1",
                "2001:0:4136:e378::1",
            })
    void refusesAddressesThatAreNotPublicUnicast(String address) throws Exception {
        assertThat(AddressRules.forbidden(InetAddress.getByName(address))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "00000000000000000000ffff7f000001", // ::ffff:127.0.0.1
                "00000000000000000000ffffa9fea9fe", // ::ffff:169.254.169.254
                "00000000000000000000ffff0a000001", // ::ffff:10.0.0.1
                "00000000000000000000ffff64400001", // ::ffff:100.64.0.1
                "0000000000000000000000007f000001", // ::127.0.0.1 (IPv4-compatible)
                "0064ff9b0000000000000000a9fea9fe", // 64:ff9b::169.254.169.254 (NAT64)
                "20027f00000100000000000000000000", // 2002:7f00:1:: (6to4 of 127.0.0.1)
            })
    void refusesIpv6AddressesCarryingAForbiddenIpv4Address(String hex) throws Exception {
        InetAddress address = Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex), -1);

        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(AddressRules.forbidden(address))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("IPv4-in-IPv6"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "100.63.255.255",
                "100.128.0.1",
                "172.15.255.255",
                "172.32.0.1",
                "192.169.0.1",
                "198.20.0.1",
                "2606:4700:4700::1111",
                "2a00:1450:4001:80b::200e",
            })
    void admitsPublicUnicastAddresses(String address) throws Exception {
        assertThat(AddressRules.forbidden(InetAddress.getByName(address))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "00000000000000000000ffff08080808", // ::ffff:8.8.8.8
                "0064ff9b000000000000000008080808", // 64:ff9b::8.8.8.8
            })
    void admitsIpv6FormsOfAPublicIpv4Address(String hex) throws Exception {
        InetAddress address = Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex), -1);

        assertThat(AddressRules.forbidden(address)).isEmpty();
    }
}
