package io.picturepipeline.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpHandler;
import io.picturepipeline.retry.NonRetryableException;
import io.picturepipeline.retry.TransientException;
import io.picturepipeline.retry.egress.FetchPolicy;
import io.picturepipeline.retry.egress.HostResolver;
import io.picturepipeline.storage.ImageFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard on the wire, against real JDK HTTP servers: a trusted provider on 127.0.0.1, and a canary that listens
 * on every local address, is never trusted, and must never see a request the guard refuses.
 */
class SafeFetcherTest {

    private static final byte[] PNG = TestImages.png(5, 3);
    private static final long CAP = 64 * 1024;

    private static final AtomicBoolean endlessBodyCutOff = new AtomicBoolean();
    private static final AtomicLong endlessBodyBytesWritten = new AtomicLong();

    private static final TestHttpServer canary = TestHttpServer.canary();
    private static final TestHttpServer provider = TestHttpServer.onLoopback();

    static {
        provider.route("/image.png", TestHttpServer.respond(200, "image/png", PNG))
                .route("/image.jpg", TestHttpServer.respond(200, "image/jpeg", TestImages.jpeg(4, 4)))
                .route("/image.webp", TestHttpServer.respond(200, "image/webp", TestImages.webp()))
                .route("/image.svg", TestHttpServer.respond(200, "image/svg+xml; charset=utf-8", TestImages.svg()))
                .route("/html", TestHttpServer.respond(200, "text/html", TestImages.html()))
                .route("/untyped", TestHttpServer.respond(200, null, PNG))
                .route("/png-that-is-html", TestHttpServer.respond(200, "image/png", TestImages.html()))
                .route("/png-that-is-jpeg", TestHttpServer.respond(200, "image/png", TestImages.jpeg(4, 4)))
                .route("/hop1", TestHttpServer.redirect(302, "/hop2"))
                .route("/hop2", TestHttpServer.redirect(307, provider.url("/hop3")))
                .route("/hop3", TestHttpServer.redirect(301, "/image.png"))
                .route("/hop0", TestHttpServer.redirect(308, "/hop1"))
                .route("/to-localhost", TestHttpServer.redirect(302, "http://localhost:" + canary.port() + "/"))
                .route("/to-metadata", TestHttpServer.redirect(302, "http://169.254.169.254/latest/meta-data/"))
                .route("/to-file", TestHttpServer.redirect(302, "file:///etc/passwd"))
                .route("/nowhere", exchange -> exchange.sendResponseHeaders(302, -1))
                .route("/missing", TestHttpServer.respond(404, "text/plain", new byte[0]))
                .route("/busy", TestHttpServer.respond(503, "text/plain", new byte[0], "Retry-After", "7"))
                .route("/throttled", TestHttpServer.respond(429, "text/plain", new byte[0], "Retry-After", "2"))
                .route("/broken", TestHttpServer.respond(500, "text/plain", new byte[0]))
                .route("/endless", endlessPng())
                .route("/announced-huge", exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "image/png");
                    exchange.sendResponseHeaders(200, 10L * 1024 * 1024);
                    provider.awaitRelease();
                })
                .route("/silent", provider.hanging())
                .route("/stalls-mid-body", exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "image/png");
                    exchange.sendResponseHeaders(200, PNG.length);
                    exchange.getResponseBody().write(PNG, 0, 16);
                    exchange.getResponseBody().flush();
                    provider.awaitRelease();
                });
    }

    private final SafeFetcher fetcher = fetcher(Duration.ofSeconds(20), provider.hostPort());

    /** Allow-lists every spelling of the canary, so that the address rules are what refuses it. */
    private static SafeFetcher fetcher(Duration downloadTimeout, String... trusted) {
        int c = canary.port();
        FetchPolicy policy = FetchPolicy.of(
                List.of(
                        "localhost:" + c,
                        "127.0.0.1:" + c,
                        "127.0.0.2:" + c,
                        "[::1]:" + c,
                        "[::ffff:127.0.0.1]:" + c,
                        "2130706433:" + c,
                        "169.254.169.254"),
                List.of(trusted),
                HostResolver.system());
        return new SafeFetcher(
                policy, new FetchLimits(CAP, Duration.ofSeconds(2), downloadTimeout, 3), Clock.systemUTC());
    }

    private static HttpHandler endlessPng() {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            System.arraycopy(PNG, 0, chunk, 0, Math.min(PNG.length, chunk.length));
            OutputStream body = exchange.getResponseBody();
            try {
                while (true) {
                    body.write(chunk);
                    body.flush();
                    endlessBodyBytesWritten.addAndGet(chunk.length);
                }
            } catch (IOException clientWentAway) {
                endlessBodyCutOff.set(true);
            }
        };
    }

    private int canaryHitsBefore;

    @BeforeEach
    void countCanaryHits() {
        canaryHitsBefore = canary.totalHits();
    }

    @AfterEach
    void theCanaryWasNeverReached() {
        assertThat(canary.totalHits() - canaryHitsBefore)
                .as("requests that reached the canary")
                .isZero();
    }

    @AfterAll
    static void stopServers() {
        provider.close();
        canary.close();
    }

    @Test
    void fetchesAnImageFromATrustedHost() {
        FetchedImage image = fetcher.fetch(URI.create(provider.url("/image.png")));

        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.bytes()).isEqualTo(PNG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/image.jpg", "/image.webp", "/image.svg"})
    void acceptsEveryImageTypeWhoseBytesMatchIt(String path) {
        FetchedImage image = fetcher.fetch(URI.create(provider.url(path)));

        assertThat(image.format().extension()).isEqualTo(path.substring(path.indexOf('.') + 1));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data/",
                "http://localhost:%d/",
                "http://127.0.0.1:%d/",
                "http://127.0.0.2:%d/",
                "http://[::1]:%d/",
                "http://[::ffff:127.0.0.1]:%d/",
                "http://2130706433:%d/",
                "http://not-listed.example:%d/",
                "http://[0:0:0:0:0:0:0:1]:%d/",
                "file:///etc/passwd",
                "ftp://127.0.0.1:%d/image.png",
            })
    void refusesInternalTargetsWithoutContactingThem(String template) {
        URI uri = URI.create(template.formatted(canary.port()));

        assertThatThrownBy(() -> fetcher.fetch(uri))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageStartingWith("refused");
        assertThat(canary.totalHits()).isEqualTo(canaryHitsBefore);
    }

    @Test
    void followsUpToThreeRedirectsCheckingEachHop() {
        FetchedImage image = fetcher.fetch(URI.create(provider.url("/hop1")));

        assertThat(image.bytes()).isEqualTo(PNG);
        assertThat(image.source()).isEqualTo(URI.create(provider.url("/image.png")));
    }

    @Test
    void refusesAFourthRedirect() {
        int before = provider.hits("/image.png");

        assertThatThrownBy(() -> fetcher.fetch(URI.create(provider.url("/hop0"))))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("more than 3 redirects");
        assertThat(provider.hits("/image.png")).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/to-localhost", "/to-metadata", "/to-file"})
    void refusesARedirectToAnInternalTarget(String path) {
        assertThatThrownBy(() -> fetcher.fetch(URI.create(provider.url(path))))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageStartingWith("refused");
        assertThat(provider.hits(path)).isEqualTo(1);
    }

    @Test
    void refusesARedirectWithoutLocation() {
        assertThatThrownBy(() -> fetcher.fetch(URI.create(provider.url("/nowhere"))))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("without a Location");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/html", "/untyped"})
    void refusesAResponseThatIsNotAnnouncedAsAnImage(String path) {
        assertThatThrownBy(() -> fetcher.fetch(URI.create(provider.url(path))))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("content type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/png-that-is-html", "/png-that-is-jpeg"})
    void refusesBytesThatDoNotMatchTheirContentType(String path) {
        assertThatThrownBy(() -> fetcher.fetch(URI.create(provider.url(path))))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("its bytes are not one");
    }

    @Test
    void abortsAnEndlessBodyAtTheSizeCap() {
        assertThatThrownBy(() -> fetcher.fetch(URI.create(provider.url("/endless"))))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("exceeds the cap of " + CAP + " bytes");

        // the connection was closed: the server's writes fail instead of going on forever
        await().atMost(Duration.ofSeconds(30)).untilTrue(endlessBodyCutOff);
        assertThat(endlessBodyBytesWritten.get()).isLessThan(64L * 1024 * 1024);
    }

    @Test
    void refusesABodyWhoseAnnouncedLengthExceedsTheCapWithoutWaitingForIt() {
        SafeFetcher patient = fetcher(Duration.ofMinutes(2), provider.hostPort());

        // were the body awaited, this would end in a timeout (a TransientException) after two minutes
        assertThatThrownBy(() -> patient.fetch(URI.create(provider.url("/announced-huge"))))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("Content-Length " + 10L * 1024 * 1024 + " exceeds the cap");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/silent", "/stalls-mid-body"})
    void givesUpOnAServerThatStopsAnsweringAtTheDownloadTimeout(String path) {
        SafeFetcher impatient = fetcher(Duration.ofMillis(500), provider.hostPort());

        assertThatThrownBy(() -> impatient.fetch(URI.create(provider.url(path))))
                .isInstanceOf(TransientException.class)
                .hasMessageContaining("did not finish within PT0.5S");
    }

    @Test
    void treatsServiceUnavailableAsTransientWithTheServersRetryAfter() {
        assertThatThrownBy(() -> fetcher.fetch(URI.create(provider.url("/busy"))))
                .isInstanceOfSatisfying(
                        TransientException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
    }

    @Test
    void treatsTooManyRequestsAsTransientWithTheServersRetryAfter() {
        assertThatThrownBy(() -> fetcher.fetch(URI.create(provider.url("/throttled"))))
                .isInstanceOfSatisfying(
                        TransientException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(2)));
    }

    @Test
    void treatsAServerErrorAsTransient() {
        assertThatThrownBy(() -> fetcher.fetch(URI.create(provider.url("/broken"))))
                .isInstanceOfSatisfying(
                        TransientException.class,
                        e -> assertThat(e.retryAfter()).isEmpty());
    }

    @Test
    void treatsNotFoundAsPermanent() {
        assertThatThrownBy(() -> fetcher.fetch(URI.create(provider.url("/missing"))))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("answered 404");
    }

    @Test
    void treatsARefusedConnectionAsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SafeFetcher toClosedPort = fetcher(Duration.ofSeconds(10), "127.0.0.1:" + closedPort);

        assertThatThrownBy(() -> toClosedPort.fetch(URI.create("http://127.0.0.1:" + closedPort + "/image.png")))
                .isInstanceOf(TransientException.class);
    }

    @Test
    void keepsPathsAndQueriesOutOfItsMessages() {
        List<String> messages = new ArrayList<>();
        for (String url : List.of(
                "http://169.254.169.254/latest/meta-data/iam?token=secret", provider.url("/missing?token=secret"))) {
            try {
                fetcher.fetch(URI.create(url));
            } catch (RuntimeException e) {
                messages.add(e.getMessage());
            }
        }

        assertThat(messages).hasSize(2).noneMatch(message -> message.contains("secret"));
    }
}
