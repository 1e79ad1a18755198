package io.picturepipeline.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.ReadModel;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A property-based fuzzer of the API: requests generated from the live OpenAPI description, valid and hostile, and
 * every answer held to that same description and to the API's rules ({@link ResponseRules}); a refused request that
 * could store something (every POST and DELETE) must have stored nothing ({@link StoredRows}). Bounded:
 * {@code -Dfuzz.tries} rounds (default 100) over every operation; {@code -Dfuzz.seed} replays a run (the seed is
 * printed, and named in a failure).
 */
class ApiFuzzTest extends IngestIntegrationTest {

    private static final int ROUNDS = Integer.getInteger("fuzz.tries", 100);

    @Test
    void everyGeneratedRequestGetsADocumentedAnswerAndARefusedOneStoresNothing() throws IOException {
        LiveDescription description = new LiveDescription(get("/v3/api-docs").text());
        Files.writeString(Path.of("target", "api-docs.json"), description.json()); // what the fuzzer read
        List<Operation> operations = description.operations();
        assertThat(operations).as("operations in /v3/api-docs").hasSizeGreaterThanOrEqualTo(10);
        long seed = Long.getLong("fuzz.seed", new Random().nextLong());
        Fixtures fixtures = fixtures();
        RequestGenerator generator = new RequestGenerator(new Random(seed), fixtures, description);
        ResponseRules rules = new ResponseRules(description);
        Tally tally = new Tally();
        List<Finding> findings = new ArrayList<>();
        int unsendable = 0;
        long started = System.nanoTime();

        for (int round = 0; round < ROUNDS; round++) {
            for (Operation operation : operations) {
                Attempt attempt = generator.next(operation);
                boolean mayStore = !operation.method().equals("GET");
                StoredRows before = mayStore ? StoredRows.count(jdbc) : null;
                Optional<Exchange> sent = Exchange.send("http://127.0.0.1:" + port, attempt);
                if (sent.isEmpty()) {
                    unsendable++;
                    continue;
                }
                Exchange exchange = sent.get();
                tally.add(exchange);
                List<String> broken = new ArrayList<>(rules.check(exchange));
                if (before != null && exchange.status() >= 400) {
                    StoredRows.grownSince(before, jdbc).forEach(grown -> broken.add("refused, yet stored: " + grown));
                }
                if (!broken.isEmpty()) {
                    findings.add(new Finding(exchange, broken));
                }
                rememberCursor(exchange, fixtures);
            }
        }

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println(report(seed, took, tally, unsendable, findings));
        assertThat(findings)
                .as("answers outside the description or the API's rules (seed " + seed + ", -Dfuzz.seed=" + seed
                        + " replays them)")
                .isEmpty();
    }

    private Fixtures fixtures() throws IOException {
        String owner = Api.newUser("fuzz-owner");
        List<UUID> owned = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            owned.add(api().submitValid(owner, "fuzz fixture " + i));
        }
        UUID withImage = owned.get(0);
        Path image = STORAGE_ROOT.resolve(withImage + "/0.png");
        Files.createDirectories(image.getParent());
        Files.write(image, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        ReadModel.project(
                jdbc,
                withImage,
                owner,
                "processing",
                row -> row.set(
                        "images",
                        "[{\"index\":0,\"key\":\"" + withImage
                                + "/0.png\",\"contentType\":\"image/png\",\"bytes\":4}]"));
        UUID ended = owned.get(1);
        ReadModel.project(jdbc, ended, owner, "completed", row -> row.set("completed_at", Instant.now()));
        UUID strangers = api().submitValid(Api.newUser("fuzz-stranger"), "not yours");
        JsonNode models = api().get(owner, "/api/v1/models").json();
        return new Fixtures(owner, owned, withImage, ended, strangers, models, new ArrayList<>());
    }

    private static void rememberCursor(Exchange exchange, Fixtures fixtures) {
        if (exchange.status() == 200 && exchange.attempt().operation().key().equals("GET /api/v1/generations")) {
            JsonNode next = Api.JSON.readTree(exchange.body()).path("nextCursor");
            if (next.isString() && fixtures.cursors().size() < 20) {
                fixtures.cursors().add(next.asString());
            }
        }
    }

    private static String report(long seed, Duration took, Tally tally, int unsendable, List<Finding> findings) {
        StringBuilder report = new StringBuilder()
                .append("API fuzzer: ")
                .append(tally.total())
                .append(" requests in ")
                .append(took.toMillis() / 1000.0)
                .append(" s, seed ")
                .append(seed)
                .append(" (")
                .append(unsendable)
                .append(" generated requests the HTTP client would not send)\n")
                .append(tally.summary())
                .append('\n');
        report.append(findings.size()).append(" findings");
        report.append(findings.stream().map(finding -> "\n  " + finding).collect(Collectors.joining()));
        return report.toString();
    }

    private Api.Response get(String path) {
        return api().send(HttpRequest.newBuilder(api().uri(path)));
    }
}
