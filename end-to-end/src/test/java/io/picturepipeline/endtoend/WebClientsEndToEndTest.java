package io.picturepipeline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.infra.DemoTokens;
import io.picturepipeline.launcher.LocalStack;
import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.Topics;
import io.picturepipeline.testsupport.TopicEvents;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a client sees of the whole stack: a generation's live event stream read line by line as {@code curl -N}
 * shows it, a cancel during generation, and the web page in a headless Chromium.
 */
class WebClientsEndToEndTest {

    private static final Duration PIPELINE_TIMEOUT = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static LocalStack stack;

    @BeforeAll
    static void useTheSharedStack() {
        stack = PlainStack.get();
    }

    record Event(String id, String name, JsonNode data) {}

    @Test
    void theEventStreamOfAGenerationShowsItsLifeUntilItCompletesThenEnds() throws Exception {
        String token = token("sse");
        // long enough for the provider's logs webhooks to report progress on the way
        String id = submit(token, "a lighthouse at dawn, oil painting [latency:PT6S]")
                .path("id")
                .asString();

        HttpResponse<Stream<String>> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.settings().apiUrl() + "/api/v1/generations/" + id + "/events"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> lines = new ArrayList<>();
        CompletableFuture<Void> ended =
                CompletableFuture.runAsync(() -> response.body().forEach(line -> {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }));
        await().atMost(PIPELINE_TIMEOUT).until(ended::isDone);

        List<Event> events;
        synchronized (lines) {
            events = parse(lines);
        }
        assertThat(events).extracting(Event::name).startsWith("status").endsWith("completed");
        assertThat(events.stream()
                        .filter(e -> e.name().equals("status"))
                        .map(e -> e.data().path("status").asString()))
                .containsExactly("queued", "processing", "downloading");
        assertThat(events).extracting(Event::name).containsOnly("status", "progress", "completed");
        assertThat(events.stream()
                        .filter(e -> e.name().equals("progress"))
                        .map(e -> e.data().path("progress").asInt()))
                .isNotEmpty()
                .isSorted();
        assertThat(events.get(events.size() - 1)
                        .data()
                        .path("images")
                        .get(0)
                        .path("url")
                        .asString())
                .isEqualTo("/api/v1/generations/" + id + "/images/0");
        assertThat(events.stream().map(e -> Long.parseLong(e.id()))).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aCancelDuringGenerationEndsCancelledNeverCompletedAndCancelsThePrediction() throws Exception {
        String token = token("canceller");
        long cancelsBefore = stack.provider().stats().cancels();
        String id = submit(token, "a very slow lighthouse [latency:PT10S]")
                .path("id")
                .asString();
        await().atMost(PIPELINE_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> status(token, id).path("status").asString().equals("processing"));

        HttpResponse<String> cancel = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.settings().apiUrl() + "/api/v1/generations/" + id))
                        .header("Authorization", "Bearer " + token)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        assertThat(JSON.readTree(cancel.body()).path("status").asString()).isEqualTo("cancelling");
        await().atMost(PIPELINE_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> status(token, id).path("status").asString().equals("cancelled"));
        await().atMost(PIPELINE_TIMEOUT).until(() -> stack.provider().stats().cancels() > cancelsBefore);
        // past the time the provider would have finished: still cancelled, and no result ever went downstream
        await().during(Duration.ofSeconds(12))
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> status(token, id).path("status").asString().equals("cancelled"));
        assertThat(new TopicEvents(stack.settings().kafkaBootstrap()).types(Topics.LIFECYCLE, id))
                .contains("GenerationCancelled")
                .doesNotContain(ImagesGenerated.class.getSimpleName(), GenerationCompleted.class.getSimpleName());
    }

    @Test
    void theWebPageSubmitsAPromptWatchesItLiveAndShowsTheImage() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser test needs the Debian packages chromium and chromium-driver:"
                        + " apt-get install chromium chromium-driver (.ci/run installs them)")
                .isTrue();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toString())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--window-size=1200,1400");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(stack.settings().apiUrl() + "/");
            // the local profile hands the page the demo user's token; the models arrive with it
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> new Select(browser.findElement(By.id("model")))
                                    .getOptions()
                                    .size()
                            > 1);
            assertThat(browser.findElement(By.id("token")).getAttribute("value"))
                    .isNotBlank();
            new Select(browser.findElement(By.id("size"))).selectByValue("1344x768");
            browser.findElement(By.id("prompt")).sendKeys("a lighthouse at dawn, seen from a browser");
            browser.findElement(By.id("submit")).click();

            WebElement image = browser.findElement(By.id("result-image"));
            try {
                await().atMost(PIPELINE_TIMEOUT)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> image.isDisplayed() && naturalWidth(browser, image) > 0);
            } finally {
                screenshot(browser, "web-page.png");
            }

            assertThat(naturalWidth(browser, image)).isEqualTo(1344);
            assertThat(browser.findElement(By.id("status")).getText()).isEqualToIgnoringCase("completed");
            assertThat(browser.findElement(By.id("progress")).getAttribute("value"))
                    .isEqualTo("100");
            assertThat(browser.findElement(By.id("history")).getText()).contains("seen from a browser");
        } finally {
            browser.quit();
        }
    }

    /** Saves what the browser shows under {@code target/screenshots}, and prints the page's text. */
    private static void screenshot(WebDriver browser, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        System.out.println("[browser] " + SCREENSHOTS.resolve(name).toAbsolutePath() + ":\n"
                + browser.findElement(By.tagName("body")).getText());
        browser.manage()
                .logs()
                .get(LogType.BROWSER)
                .forEach(entry ->
                        System.out.println("[browser console] " + entry.getLevel() + " " + entry.getMessage()));
    }

    private static long naturalWidth(WebDriver browser, WebElement image) {
        Object width = ((JavascriptExecutor) browser).executeScript("return arguments[0].naturalWidth", image);
        return width instanceof Number number ? number.longValue() : 0;
    }

    private static String token(String purpose) {
        return DemoTokens.mint(stack.settings().jwtSecret(), purpose + "-" + UUID.randomUUID(), Duration.ofHours(1));
    }

    private static JsonNode submit(String token, String prompt) throws Exception {
        HttpResponse<String> accepted = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.settings().apiUrl() + "/api/v1/generations"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(Map.of("prompt", prompt, "width", 1344, "height", 768))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body());
    }

    private static JsonNode status(String token, String id) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.settings().apiUrl() + "/api/v1/generations/" + id))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** SSE frames: {@code id:}, {@code event:}, {@code data:} lines up to a blank line; comments are skipped. */
    private static List<Event> parse(List<String> lines) {
        List<Event> events = new ArrayList<>();
        String id = null;
        String name = null;
        String data = null;
        for (String line : lines) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new Event(id, name, JSON.readTree(data)));
                }
                id = null;
                name = null;
                data = null;
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data = line.substring(5).trim();
            }
        }
        return events;
    }
}
