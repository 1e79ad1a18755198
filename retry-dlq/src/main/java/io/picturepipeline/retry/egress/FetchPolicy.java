package io.picturepipeline.retry.egress;

import io.picturepipeline.retry.NonRetryableException;
import io.picturepipeline.retry.TransientException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The SSRF guard: what a URL must pass before a single byte is sent to it, checked again on every redirect hop. It
 * is shared by every service that contacts a URL it did not choose: the download-consumer fetching provider outputs
 * (allow-list of the provider's delivery hosts) and the ingest-api delivering webhooks to client endpoints (any public
 * host, {@link #publicHosts}).
 *
 * <ol>
 *   <li>the scheme is http or https, and the URL carries no user info;
 *   <li>the host (and port) is on the allow-list (when there is one), or the exact {@code host:port} is a trusted
 *       internal host;
 *   <li>unless trusted, every address the host resolves to is a public unicast address ({@link AddressRules}).
 * </ol>
 *
 * <p><b>Residual risk: DNS rebinding.</b> The addresses are checked here, and the HTTP client resolves the name
 * again when it connects; a name whose DNS answers a public address to the check and a private one to the connect
 * would slip through. The allow-list bounds this: only names whose DNS the image provider controls (Replicate's
 * delivery domains) are ever resolved, so rebinding needs control of the provider's DNS, not merely of a URL in a
 * provider response. The JVM's positive DNS cache (30 s by default) further makes the check and the connect see the
 * same answer in the common case. Without an allow-list ({@link #publicHosts}) the owner of the URL controls its DNS,
 * and the JVM's cache is what keeps the check and the connect on one answer. Pinning the checked address in the connection would close the gap entirely but
 * breaks TLS host name verification with {@link java.net.http.HttpClient}; an egress proxy enforcing the same rules
 * is the place to do it if the allow-list ever has to admit hosts the provider does not control.
 */
public final class FetchPolicy {

    private final @Nullable List<HostEntry> allowed;
    private final List<HostEntry> trusted;
    private final HostResolver resolver;

    private FetchPolicy(@Nullable List<HostEntry> allowed, List<HostEntry> trusted, HostResolver resolver) {
        this.allowed = allowed;
        this.trusted = trusted;
        this.resolver = resolver;
    }

    /** Parses the entries (failing fast on a malformed one); trusted entries must be exact {@code host:port}. */
    public static FetchPolicy of(List<String> allowedHosts, List<String> trustedInternalHosts, HostResolver resolver) {
        return new FetchPolicy(
                allowedHosts.stream().map(HostEntry::parse).toList(), trusted(trustedInternalHosts), resolver);
    }

    /** Any host whose every address is public, besides the exact trusted {@code host:port} pairs. */
    public static FetchPolicy publicHosts(List<String> trustedInternalHosts, HostResolver resolver) {
        return new FetchPolicy(null, trusted(trustedInternalHosts), resolver);
    }

    private static List<HostEntry> trusted(List<String> trustedInternalHosts) {
        List<HostEntry> trusted =
                trustedInternalHosts.stream().map(HostEntry::parse).toList();
        trusted.stream().filter(entry -> !entry.isExactEndpoint()).findFirst().ifPresent(entry -> {
            throw new IllegalArgumentException("trusted internal hosts must be exact host:port pairs, not " + entry);
        });
        return trusted;
    }

    /** Whether the URL's exact {@code host:port} is a trusted internal host (admitted whatever its addresses). */
    public boolean trusts(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = scheme.equals("https") ? 443 : 80;
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        try {
            String host = HostEntry.canonicalHost(uri.getHost() == null ? "" : uri.getHost());
            return trusted.stream().anyMatch(entry -> entry.admits(host, port, defaultPort));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /**
     * Passes or throws: {@link NonRetryableException} when the URL is refused, {@link TransientException} when its
     * host cannot be resolved right now.
     */
    public void check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused(uri, "only http and https URLs are fetched, not '" + scheme + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused(uri, "URLs with user info are not fetched");
        }
        if (uri.getHost() == null) {
            throw refused(uri, "the URL has no valid host");
        }
        String host;
        try {
            host = HostEntry.canonicalHost(uri.getHost());
        } catch (IllegalArgumentException e) {
            throw refused(uri, e.getMessage());
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        if (trusted.stream().anyMatch(entry -> entry.admits(host, port, defaultPort))) {
            return;
        }
        if (allowed != null && allowed.stream().noneMatch(entry -> entry.admits(host, port, defaultPort))) {
            throw refused(uri, "host " + host + " port " + port + " is not in the allow-list");
        }
        for (InetAddress address : resolve(uri, host)) {
            Optional<String> reason = AddressRules.forbidden(address);
            if (reason.isPresent()) {
                throw refused(uri, "host " + host + " resolves to " + address.getHostAddress() + ", a " + reason.get());
            }
        }
    }

    private InetAddress[] resolve(URI uri, String host) {
        try {
            InetAddress[] addresses = resolver.resolve(host);
            if (addresses == null || addresses.length == 0) {
                throw new UnknownHostException(host);
            }
            return addresses;
        } catch (UnknownHostException e) {
            throw new TransientException("cannot resolve the host of " + origin(uri), e);
        }
    }

    private static NonRetryableException refused(URI uri, String reason) {
        return new NonRetryableException("refused to fetch " + origin(uri) + ": " + reason);
    }

    /** Scheme, host and port only: paths and queries of provider URLs may carry signed tokens. */
    public static String origin(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority != null && authority.contains("@")) {
            authority = authority.substring(authority.lastIndexOf('@') + 1);
        }
        return uri.getScheme() + "://" + (authority == null ? "" : authority);
    }
}
