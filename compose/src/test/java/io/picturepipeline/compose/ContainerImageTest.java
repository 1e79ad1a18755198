package io.picturepipeline.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The root Dockerfile and its build context: images are made from the jars Maven built, run as a non-root user,
 * and carry a health check that needs no curl or wget (tested here against a real HTTP server).
 */
class ContainerImageTest {

    private final String dockerfile = Repo.read(Repo.root("Dockerfile"));

    @Test
    void buildsEachServiceFromItsExecJarOnTheJre() {
        assertThat(dockerfile)
                .contains("ARG JRE_IMAGE=eclipse-temurin:17-jre")
                .contains("FROM ${JRE_IMAGE} AS base")
                .contains("FROM base AS local-provider")
                .contains("ARG MODULE")
                .contains("COPY ${MODULE}/target/${MODULE}-${VERSION}-exec.jar /app/app.jar")
                .contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/app.jar\"]");
        Matcher version = Pattern.compile("ARG VERSION=(\\S+)").matcher(dockerfile);
        assertThat(version.find()).isTrue();
        assertThat(Repo.read(Repo.compose("pom.xml")))
                .as("the jar version the Dockerfile expects")
                .contains("<version>" + version.group(1) + "</version>");
        List<String> stages = Pattern.compile("(?m)^FROM .* AS (\\S+)$")
                .matcher(dockerfile)
                .results()
                .map(result -> result.group(1))
                .toList();
        assertThat(stages).as("`service` is the last stage: the default target").endsWith("service");
    }

    @Test
    void runsAsNonRootAndDownloadsNothingAtBuildTime() {
        assertThat(Pattern.compile("(?m)^USER app$")
                        .matcher(dockerfile)
                        .results()
                        .count())
                .as("both runnable stages drop root")
                .isEqualTo(2);
        String instructions = dockerfile
                .lines()
                .filter(line -> !line.startsWith("#"))
                .collect(java.util.stream.Collectors.joining("\n"))
                .toLowerCase();
        assertThat(instructions).doesNotContain("apt-get", "apk ", "curl ", "wget ", "mvnw", "add http");
    }

    @Test
    void theLocalProviderImageRunsItsMainFromTheJarsTheComposeModuleCollects() {
        assertThat(dockerfile)
                .contains("COPY compose/target/local-provider/ /app/lib/")
                .contains("\"io.picturepipeline.provider.local.LocalProviderMain\"");
        assertThat(Files.exists(Repo.root(
                        "local-provider/src/main/java/io/picturepipeline/provider/local/LocalProviderMain.java")))
                .isTrue();
        assertThat(Repo.read(Repo.compose("pom.xml")))
                .contains("<outputDirectory>${project.build.directory}/local-provider</outputDirectory>")
                .contains("<artifactId>local-provider</artifactId>");
    }

    @Test
    void theLocalProviderStartsFromTheCollectedJarsAndPassesItsHealthCheck() throws Exception {
        // what the image runs: java -cp "/app/lib/*" LocalProviderMain, with /app/lib = compose/target/local-provider
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx64m",
                        "-cp",
                        Repo.compose("target/local-provider").toAbsolutePath() + "/*",
                        "io.picturepipeline.provider.local.LocalProviderMain")
                .redirectErrorStream(true);
        builder.environment().put("PROVIDER_PORT", "0");
        builder.environment().put("PROVIDER_BIND_ADDRESS", "127.0.0.1");
        Process provider = builder.start();
        try {
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(provider.getInputStream(), StandardCharsets.UTF_8));
            String line = output.readLine();
            assertThat(line).as("the provider's first line").isNotNull().contains("local-provider listening on");
            Matcher port = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)").matcher(line);
            assertThat(port.find()).as(line).isTrue();
            assertThat(httpCheck(Integer.parseInt(port.group(1)), "/health")).isZero();
        } finally {
            provider.destroy();
            provider.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theBuildContextHoldsOnlyTheJarsAndTheHealthCheck() throws IOException {
        List<String> lines = Files.readAllLines(Repo.root(".dockerignore")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
        assertThat(lines.get(0)).isEqualTo("*");
        assertThat(lines)
                .contains("!compose/docker/http-check.sh", "!compose/target/local-provider/")
                .contains(ComposeFileTest.PIPELINE_SERVICES.stream()
                        .map(module -> "!" + module + "/target/" + module + "-*-exec.jar")
                        .toArray(String[]::new));
        assertThat(dockerfile).contains("COPY --chmod=0755 compose/docker/http-check.sh /usr/local/bin/http-check");
    }

    @Test
    void httpCheckIsHealthyOnlyOn200() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/up", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/down", exchange -> respond(exchange, 503, "{\"status\":\"OUT_OF_SERVICE\"}"));
        server.start();
        try {
            int port = server.getAddress().getPort();
            assertThat(httpCheck(port, "/up")).isZero();
            assertThat(httpCheck(port, "/down")).isEqualTo(1);
            assertThat(httpCheck(port, "/missing")).isEqualTo(1);
        } finally {
            server.stop(0);
        }
        assertThat(httpCheck(closedPort(), "/up")).isNotZero();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static int httpCheck(int port, String path) throws Exception {
        Process process = new ProcessBuilder(
                        "bash", Repo.compose("docker/http-check.sh").toString(), Integer.toString(port), path)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
