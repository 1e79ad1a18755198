package io.picturepipeline.retry.egress;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picturepipeline.retry.NonRetryableException;
import io.picturepipeline.retry.TransientException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard's decisions alone: no request is made here (the download-consumer's {@code SafeFetcherTest} covers the wire). */
class FetchPolicyTest {

    private static final List<String> PRODUCTION_HOSTS =
            List.of("replicate.delivery", "*.replicate.delivery", "pbxt.replicate.delivery");

    /** A DNS we control: names of our choosing resolve to the addresses of our choosing, others are unknown. */
    private static HostResolver dns(Map<String, List<String>> table) {
        return host -> {
            List<String> addresses = table.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] resolved = new InetAddress[addresses.size()];
            for (int i = 0; i < resolved.length; i++) {
                resolved[i] = InetAddress.getByName(addresses.get(i));
            }
            return resolved;
        };
    }

    private static final HostResolver PUBLIC_DNS = dns(Map.of(
            "replicate.delivery", List.of("104.18.10.1"),
            "pbxt.replicate.delivery", List.of("104.18.10.2"),
            "a.b.replicate.delivery", List.of("104.18.10.3"),
            "rebound.replicate.delivery", List.of("104.18.10.4", "10.0.0.7"),
            "metadata.replicate.delivery", List.of("169.254.169.254")));

    private final FetchPolicy production = FetchPolicy.of(PRODUCTION_HOSTS, List.of(), PUBLIC_DNS);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://replicate.delivery/pbxt/abc/out-0.png",
                "https://pbxt.replicate.delivery/abc/out-0.png",
                "https://a.b.replicate.delivery/x.png",
                "http://replicate.delivery/x.png",
                "HTTPS://Replicate.Delivery./x.png",
                "https://replicate.delivery:443/x.png",
            })
    void admitsAllowListedHostsWithPublicAddresses(String url) {
        assertThatCode(() -> production.check(URI.create(url))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:///etc/passwd",
                "ftp://replicate.delivery/x.png",
                "gopher://replicate.delivery/x",
                "jar:https://replicate.delivery/x.jar!/",
                "/relative/x.png",
            })
    void refusesSchemesOtherThanHttpAndHttps(String url) {
        assertThatThrownBy(() -> production.check(URI.create(url)))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("only http and https");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://example.com/x.png",
                "https://evilreplicate.delivery/x.png",
                "https://replicate.delivery.evil.example/x.png",
                "https://replicate.delivery:8443/x.png",
                "http://169.254.169.254/latest/meta-data/",
                "http://2130706433/",
                "http://127.0.0.1/",
                "http://[::1]/",
                "http://localhost/",
            })
    void refusesHostsThatAreNotAllowListed(String url) {
        assertThatThrownBy(() -> production.check(URI.create(url)))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("not in the allow-list");
    }

    @Test
    void refusesUrlsWithUserInfo() {
        assertThatThrownBy(() -> production.check(URI.create("https://user:pw@replicate.delivery/x.png")))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("user info")
                .hasMessageNotContaining("pw");
    }

    @Test
    void refusesAnAllowListedNameWhenAnyOfItsAddressesIsPrivate() {
        assertThatThrownBy(() -> production.check(URI.create("https://rebound.replicate.delivery/x.png")))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("10.0.0.7")
                .hasMessageContaining("private");
    }

    @Test
    void refusesAnAllowListedNameThatResolvesToTheCloudMetadataAddress() {
        assertThatThrownBy(() -> production.check(URI.create("https://metadata.replicate.delivery/")))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("link-local");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://localhost/",
                "http://127.0.0.2/",
                "http://[::1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://2130706433/",
                "http://169.254.169.254/latest/meta-data/",
            })
    void refusesAllowListedHostsThatResolveToInternalAddresses(String url) {
        FetchPolicy careless = FetchPolicy.of(
                List.of("localhost", "127.0.0.2", "[::1]", "[::ffff:127.0.0.1]", "2130706433", "169.254.169.254"),
                List.of(),
                HostResolver.system());

        assertThatThrownBy(() -> careless.check(URI.create(url)))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("resolves to");
    }

    @Test
    void admitsATrustedInternalHostOnlyOnItsExactPort() {
        FetchPolicy local = FetchPolicy.of(PRODUCTION_HOSTS, List.of("127.0.0.1:8090"), HostResolver.system());

        assertThatCode(() -> local.check(URI.create("http://127.0.0.1:8090/files/p/0.png")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> local.check(URI.create("http://127.0.0.1:8091/files/p/0.png")))
                .isInstanceOf(NonRetryableException.class);
        assertThatThrownBy(() -> local.check(URI.create("http://localhost:8090/files/p/0.png")))
                .isInstanceOf(NonRetryableException.class);
    }

    @Test
    void treatsAFailingNameLookupAsTransient() {
        FetchPolicy policy = FetchPolicy.of(List.of("unknown.replicate.delivery"), List.of(), PUBLIC_DNS);

        assertThatThrownBy(() -> policy.check(URI.create("https://unknown.replicate.delivery/x.png")))
                .isInstanceOf(TransientException.class)
                .hasMessageContaining("cannot resolve");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "*.internal:80", "localhost:notaport", "::1:80"})
    void refusesTrustedEntriesThatAreNotExactHostPortPairs(String entry) {
        assertThatThrownBy(() -> FetchPolicy.of(PRODUCTION_HOSTS, List.of(entry), PUBLIC_DNS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://replicate.delivery", "a.*.example", "*", "host:0", "user@host", "[::1"})
    void refusesMalformedAllowListEntries(String entry) {
        assertThatThrownBy(() -> FetchPolicy.of(List.of(entry), List.of(), PUBLIC_DNS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutAnAllowListAdmitsAnyPublicHostAndStillRefusesInternalOnes() {
        FetchPolicy webhooks = FetchPolicy.publicHosts(List.of("127.0.0.1:9999"), HostResolver.system());

        assertThatCode(() -> webhooks.check(URI.create("https://93.184.215.14/hook")))
                .doesNotThrowAnyException();
        assertThatCode(() -> webhooks.check(URI.create("http://127.0.0.1:9999/hook")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> webhooks.check(URI.create("http://127.0.0.1:9998/hook")))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> webhooks.check(URI.create("http://169.254.169.254/latest/meta-data/")))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("link-local");
    }
}
