package io.picturepipeline.retry.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One allow-list entry: {@code host}, {@code *.domain}, {@code [v6]}, each optionally with {@code :port}. Hosts are
 * compared in {@linkplain #canonicalHost canonical form}; an entry without a port admits only the scheme's default
 * port.
 */
record HostEntry(String host, boolean wildcard, @Nullable Integer port) {

    static HostEntry parse(String text) {
        String entry = text.trim().toLowerCase(Locale.ROOT);
        if (entry.isEmpty() || entry.contains("/") || entry.contains("@") || entry.contains("?")) {
            throw new IllegalArgumentException(
                    "a host entry is host, *.domain or [v6], with an optional :port, not '" + text + "'");
        }
        String hostPart = entry;
        Integer port = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed IPv6 literal in '" + text + "'");
            }
            hostPart = entry.substring(0, close + 1);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("unexpected '" + rest + "' in '" + text + "'");
                }
                port = parsePort(rest.substring(1), text);
            }
        } else {
            int colon = entry.indexOf(':');
            if (colon >= 0) {
                if (entry.indexOf(':', colon + 1) >= 0) {
                    throw new IllegalArgumentException("IPv6 literals must be bracketed: '" + text + "'");
                }
                hostPart = entry.substring(0, colon);
                port = parsePort(entry.substring(colon + 1), text);
            }
        }
        boolean wildcard = hostPart.startsWith("*.");
        if (wildcard) {
            hostPart = hostPart.substring(2);
        }
        if (hostPart.isEmpty() || hostPart.contains("*")) {
            throw new IllegalArgumentException("only a leading '*.' label may be a wildcard: '" + text + "'");
        }
        return new HostEntry(canonicalHost(hostPart), wildcard, port);
    }

    boolean admits(String canonicalHost, int port, int defaultPort) {
        boolean portMatches = this.port == null ? port == defaultPort : this.port == port;
        boolean hostMatches = wildcard ? canonicalHost.endsWith("." + host) : canonicalHost.equals(host);
        return portMatches && hostMatches;
    }

    /** The exact endpoint this entry names; only exact entries can be trusted. */
    boolean isExactEndpoint() {
        return !wildcard && port != null;
    }

    /**
     * Lower case, without a trailing dot, IPv6 literals unbracketed and in the JDK's full form (IPv4-mapped ones as
     * the IPv4 address), so that one address has one spelling. IPv6 literals are parsed, never looked up.
     */
    static String canonicalHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.contains(":")) {
            if (!name.matches("[0-9a-f:.]+")) {
                throw new IllegalArgumentException("not an IPv6 literal: " + host);
            }
            try {
                return InetAddress.getByName(name).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IPv6 literal: " + host, e);
            }
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        return name;
    }

    private static int parsePort(String port, String text) {
        try {
            int value = Integer.parseInt(port);
            if (value < 1 || value > 65535) {
                throw new IllegalArgumentException("port out of range in '" + text + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port in '" + text + "'", e);
        }
    }
}
