package io.picturepipeline.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.picturepipeline.infra.FreePorts;
import io.picturepipeline.launcher.StackOptions;
import io.picturepipeline.launcher.StackSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The SSRF battery's servers on loopback: a <b>canary</b> that must never be reached (on 127.0.0.1 and, where the
 * machine has it, [::1], same port), and a <b>hostile</b> server the download stage trusts like the provider, which
 * answers with redirects to the canary and other forbidden places, and with huge and endless bodies. A hosts file
 * for the download stage's JVM ({@code jdk.net.hosts.file}) makes names resolve to loopback, link-local and private
 * addresses without touching the machine's DNS.
 */
public final class SsrfRig implements AutoCloseable {

    public static final String LOOPBACK_NAME = "loopback.ssrf.test";
    public static final String METADATA_NAME = "metadata.ssrf.test";
    public static final String PRIVATE_NAME = "private.ssrf.test";

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final List<HttpServer> canaries = new CopyOnWriteArrayList<>();
    private final List<String> hits = new CopyOnWriteArrayList<>();
    private final HttpServer hostile;
    private final int canaryPort;
    private final Path hostsFile;

    private SsrfRig(Path dir) throws IOException {
        canaryPort = FreePorts.pick();
        canaries.add(canary(InetAddress.getByName("127.0.0.1")));
        try {
            canaries.add(canary(InetAddress.getByName("::1")));
        } catch (IOException noIpv6Loopback) {
            FaultStack.log("no IPv6 loopback here: the canary listens on 127.0.0.1 only");
        }
        hostile = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), FreePorts.pick()), 64);
        hostile.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "ssrf-hostile");
            thread.setDaemon(true);
            return thread;
        }));
        hostile.createContext("/redirect/loopback", e -> redirect(e, canaryUrl("127.0.0.1") + "/via-redirect"));
        hostile.createContext("/redirect/name", e -> redirect(e, canaryUrl(LOOPBACK_NAME) + "/via-redirect-name"));
        hostile.createContext("/redirect/metadata", e -> redirect(e, "http://169.254.169.254/latest/meta-data/"));
        hostile.createContext("/redirect/file", e -> redirect(e, "file:///etc/passwd"));
        hostile.createContext("/redirect/chain", e -> redirect(e, hostileUrl() + "/redirect/loopback"));
        hostile.createContext("/huge/declared", e -> body(e, 100L * 1024 * 1024, true));
        hostile.createContext("/huge/chunked", e -> body(e, 30L * 1024 * 1024, false));
        hostile.createContext("/endless", e -> body(e, Long.MAX_VALUE, false));
        hostile.createContext("/not-an-image", e -> {
            byte[] html = "<html>secret</html>".getBytes(StandardCharsets.UTF_8);
            e.getResponseHeaders().add("Content-Type", "image/png");
            e.sendResponseHeaders(200, html.length);
            try (OutputStream out = e.getResponseBody()) {
                out.write(html);
            }
        });
        hostile.start();
        Files.createDirectories(dir);
        hostsFile = dir.resolve("ssrf-hosts");
        Files.writeString(
                hostsFile,
                String.join(
                        "\n",
                        "127.0.0.1 localhost",
                        "::1 localhost",
                        "127.0.0.1 " + LOOPBACK_NAME,
                        "169.254.169.254 " + METADATA_NAME,
                        "10.1.2.3 " + PRIVATE_NAME,
                        "127.0.0.1 " + InetAddress.getLocalHost().getHostName(),
                        ""));
    }

    public static SsrfRig start(Path dir) {
        try {
            return new SsrfRig(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SSRF rig", e);
        }
    }

    /**
     * The download stage as the battery needs it: the hostile server trusted like the provider; the canary's host
     * names and addresses on the allow-list (a misconfigured allow-list: the address rules alone must stop them);
     * names resolved from the rig's hosts file.
     */
    public StackOptions configure(StackSettings settings, StackOptions options) {
        String canary = Integer.toString(canaryPort);
        return options.withProperties(
                        "download-consumer",
                        "pipeline.download.trusted-internal-hosts=127.0.0.1:" + settings.providerPort() + ",127.0.0.1:"
                                + hostile.getAddress().getPort(),
                        "pipeline.download.allowed-hosts=replicate.delivery,*.replicate.delivery,localhost:" + canary
                                + ",127.0.0.1:" + canary + ",[::1]:" + canary + ",2130706433:" + canary + ",0.0.0.0:"
                                + canary + ",127.1:" + canary + ",[::ffff:127.0.0.1]:" + canary + ","
                                + LOOPBACK_NAME + ":" + canary + ",169.254.169.254," + METADATA_NAME + ","
                                + PRIVATE_NAME)
                .withJvmOptions("download-consumer", "-Djdk.net.hosts.file=" + hostsFile);
    }

    public int canaryPort() {
        return canaryPort;
    }

    public String canaryUrl(String host) {
        return "http://" + host + ":" + canaryPort;
    }

    public String hostileUrl() {
        return "http://127.0.0.1:" + hostile.getAddress().getPort();
    }

    /** Every request the canary received ({@code METHOD path from address}). */
    public List<String> hits() {
        return List.copyOf(hits);
    }

    private HttpServer canary(InetAddress address) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, canaryPort), 16);
        server.createContext("/", exchange -> {
            hits.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " on " + address.getHostAddress()
                    + " from " + exchange.getRemoteAddress());
            FaultStack.log("CANARY HIT: " + hits.get(hits.size() - 1));
            byte[] body = "canary".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** A PNG signature, then zeros: {@code length} bytes, announced or chunked, until the client hangs up. */
    private static void body(HttpExchange exchange, long length, boolean announce) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "image/png");
        exchange.sendResponseHeaders(200, announce ? length : 0);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(PNG_SIGNATURE);
            long sent = PNG_SIGNATURE.length;
            while (sent < length) {
                int n = (int) Math.min(chunk.length, length - sent);
                out.write(chunk, 0, n);
                sent += n;
            }
        } catch (IOException clientGaveUp) {
            // what we want: the client stopped reading
        }
    }

    @Override
    public void close() {
        hostile.stop(0);
        canaries.forEach(c -> c.stop(0));
    }
}
