package io.picturepipeline.ingest.webhook;

import io.picturepipeline.ingest.refusal.InvalidRequestException;
import io.picturepipeline.retry.NonRetryableException;
import io.picturepipeline.retry.TransientException;
import io.picturepipeline.retry.egress.FetchPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.util.Locale;

/**
 * What an endpoint URL must be to be registered: absolute https (http only for an exact trusted {@code host:port}),
 * no user info or fragment, at most 2,000 characters, and passed by the SSRF guard now. Delivery checks the guard
 * again before every attempt: a name's addresses can change after registration.
 */
final class EndpointAddress {

    static final int MAX_LENGTH = 2000;

    private EndpointAddress() {}

    static URI check(String url, FetchPolicy policy) {
        if (url == null || url.isBlank()) {
            throw new InvalidRequestException("url", "is required");
        }
        if (url.length() > MAX_LENGTH) {
            throw new InvalidRequestException("url", "must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("url", "is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidRequestException("url", "must be an absolute https URL such as https://example.com/hooks");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new InvalidRequestException("url", "must not carry user info or a fragment");
        }
        try {
            HttpRequest.newBuilder(uri); // what the sender will refuse (a port out of range, …), refused here
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("url", "cannot be requested: " + e.getMessage());
        }
        if (scheme.equals("http") && !policy.trusts(uri)) {
            throw new InvalidRequestException("url", "must be https: deliveries carry your generations' data");
        }
        try {
            policy.check(uri);
        } catch (NonRetryableException refused) {
            throw new InvalidRequestException("url", refused.getMessage());
        } catch (TransientException unresolvable) {
            throw new InvalidRequestException("url", "has a host that does not resolve now");
        }
        return uri;
    }
}
