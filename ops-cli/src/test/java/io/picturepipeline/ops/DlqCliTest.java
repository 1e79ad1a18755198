package io.picturepipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.retry.FakeStage;
import io.picturepipeline.retry.FakeStageTest;
import io.picturepipeline.schemas.DeadLetterRef;
import io.picturepipeline.schemas.DeadLetterReplayed;
import io.picturepipeline.schemas.DeadLetterResolved;
import io.picturepipeline.schemas.FailureHeaders;
import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.Topics;
import io.picturepipeline.testsupport.TestInfrastructure;
import io.picturepipeline.testsupport.TopicEvents;
import io.picturepipeline.testsupport.TopicWriter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The ops CLI against the real broker, over dead letters made by a stage-shaped service. */
class DlqCliTest extends FakeStageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DEAD_LETTERS = Topics.deadLetter(Topics.DOWNLOAD);
    private static final String BOOTSTRAP = TestInfrastructure.shared().kafkaBootstrap();
    private static final TopicWriter KAFKA = new TopicWriter(BOOTSTRAP);
    private static final TopicEvents TOPICS = new TopicEvents(BOOTSTRAP);

    @Test
    void listShowsOpenDeadLettersWithTheirRefsAndExitsOneWhenNothingMatches() {
        UUID id = UUID.randomUUID();
        DeadLetterRef ref = deadLetterAfterTransientFailures(id, "list me");

        CliRun table = CliRun.dlq("list", "--generation", id.toString());
        CliRun json = CliRun.dlq("list", "--generation", id.toString(), "--json");
        CliRun nothing = CliRun.dlq("list", "--generation", UUID.randomUUID().toString());

        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out())
                .contains("REF", "AGE", "STAGE", "ATTEMPTS", "ERROR", "GENERATION")
                .contains(ref.toString())
                .containsPattern("download\\s+4\\s+TransientException\\s+" + id)
                .contains("list me")
                .contains("1 open dead letter(s)");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out())
                .contains("\"ref\" : \"" + ref + "\"")
                .contains("\"attempts\" : 4")
                .contains("\"state\" : \"open\"");
        assertThat(nothing.exitCode()).isEqualTo(1);
        assertThat(nothing.err()).contains("no open dead letters match");
    }

    @Test
    void showPrintsTheHeadersAndThePrettyPayload() {
        UUID id = UUID.randomUUID();
        DeadLetterRef ref = deadLetterAfterTransientFailures(id, "show me");

        CliRun shown = CliRun.dlq("show", ref.toString());
        CliRun missing = CliRun.dlq("show", ref.topic() + ":" + ref.partition() + ":" + 1_000_000);
        CliRun malformed = CliRun.dlq("show", "pipeline.download-dlt:one");

        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        assertThat(shown.out())
                .contains(ref + "  open")
                .contains("io.picturepipeline.retry.TransientException after 4 attempt(s)")
                .contains("replays go to " + Topics.DOWNLOAD)
                .containsPattern(FailureHeaders.ATTEMPTS + "\\s+4")
                .containsPattern(FailureHeaders.ORIGINAL_TOPIC + "\\s+" + Topics.DOWNLOAD)
                .contains("payload (ImagesGenerated")
                .contains("\"type\" : \"ImagesGenerated\"")
                .contains("\"generationId\" : \"" + id + "\"");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no dead letter at");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("expected <dlt-topic>:<partition>:<offset>");
    }

    @Test
    void statsCountsOpenDeadLettersByStageAndErrorClassWithTheOldestAge() {
        String marker = "stats-" + UUID.randomUUID();
        deadLetterAfterTransientFailures(UUID.randomUUID(), marker);
        deadLetterAfterTransientFailures(UUID.randomUUID(), marker);
        UUID poisonKey = UUID.randomUUID();
        KAFKA.send(Topics.DOWNLOAD, null, poisonKey.toString(), ("{" + marker).getBytes(StandardCharsets.UTF_8));
        await().atMost(PATIENCE)
                .until(() -> !TOPICS.records(DEAD_LETTERS, poisonKey.toString()).isEmpty());

        CliRun stats = CliRun.dlq("stats", "--text", marker);
        CliRun json = CliRun.dlq("stats", "--text", marker, "--json");

        assertThat(stats.exitCode()).as(stats.toString()).isZero();
        assertThat(stats.out())
                .containsPattern("download\\s+PoisonRecordException\\s+1\\s+\\d+m?s")
                .containsPattern("download\\s+TransientException\\s+2\\s+\\d+m?s")
                .contains("3 open (0 terminal, 0 parked); oldest");
        assertThat(json.out()).contains("\"open\" : 3");
    }

    @Test
    void replayOfAFixedFailureCompletesItOnceADryRunChangesNothingAndASecondReplayReplaysNothing() {
        UUID id = UUID.randomUUID();
        DeadLetterRef ref = deadLetterAfterTransientFailures(id, "host down");
        stage().heal(id);

        CliRun dryRun = CliRun.dlq("replay", "--generation", id.toString(), "--reason", "host is back", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out())
                .contains("dry run: 1 dead letter(s) would be replayed")
                .contains(ref.toString());
        assertThat(CliRun.dlq("list", "--generation", id.toString()).exitCode())
                .as("still open after the dry run")
                .isZero();
        assertThat(TOPICS.records(Topics.DOWNLOAD, id.toString()))
                .as("nothing written")
                .hasSize(1);

        CliRun replay = CliRun.dlq("replay", "--generation", id.toString(), "--reason", "host is back");
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(replay.out()).contains("[1/1] replayed " + ref).contains("replayed 1 of 1");
        await().atMost(PATIENCE).until(() -> stage().timesProcessed(id) == 1);

        CliRun again = CliRun.dlq("replay", "--generation", id.toString(), "--reason", "host is back");
        CliRun againByRef = CliRun.dlq("replay", ref.toString(), "--reason", "host is back");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("nothing to replay");
        assertThat(againByRef.exitCode()).isEqualTo(1);
        assertThat(againByRef.err()).contains("already replayed").contains("by ops-test: host is back");

        List<ConsumerRecord<String, byte[]>> onTopic = TOPICS.records(Topics.DOWNLOAD, id.toString());
        assertThat(onTopic).as("the original and one replay").hasSize(2);
        ConsumerRecord<String, byte[]> replayed = onTopic.get(1);
        assertThat(TopicEvents.header(replayed, FailureHeaders.REPLAY_COUNT)).isEqualTo("1");
        assertThat(TopicEvents.header(replayed, FailureHeaders.REPLAY_OF)).isEqualTo(ref.toString());
        assertThat(TopicEvents.header(replayed, FailureHeaders.ATTEMPTS)).isNull();
        assertThat(replayed.value()).isEqualTo(onTopic.get(0).value());
        assertThat(TOPICS.events(Topics.LIFECYCLE, id.toString(), DeadLetterReplayed.class))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.deadLetterRef()).isEqualTo(ref.toString());
                    assertThat(e.by()).isEqualTo("ops-test");
                    assertThat(e.reason()).isEqualTo("host is back");
                    assertThat(e.replayCount()).isEqualTo(1);
                });
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> stage().timesProcessed(id) == 1);
        CliRun all = CliRun.dlq("list", "--generation", id.toString(), "--all");
        assertThat(all.out()).containsPattern(ref + ".*replayed");
    }

    @Test
    void aDryRunReplaySaysWhichDownloadDeadLettersAreOlderThanTheProvidersOutputRetention() {
        UUID id = UUID.randomUUID();
        DeadLetterRef ref = deadLetterAfterTransientFailures(id, "file host down");
        Clock twoHoursLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
        String[] dryRun = {"replay", "--generation", id.toString(), "--reason", "host is back", "--dry-run"};

        CliRun late = CliRun.dlqAt(twoHoursLater, dryRun);
        CliRun early = CliRun.dlq(dryRun);
        CliRun longerRetention = CliRun.dlqAt(twoHoursLater, concat(dryRun, "--output-retention", "3h"));

        assertThat(late.exitCode()).as(late.toString()).isZero();
        assertThat(late.out())
                .contains("dry run: 1 dead letter(s) would be replayed")
                .contains("1 download dead letter(s) are older than the provider's output retention (60m)")
                .contains("fresh URLs from each prediction", "fails as output_expired (no retry)")
                .contains(ref + "  images generated 2h ago (generation " + id + ")");
        assertThat(early.out()).contains("would be replayed").doesNotContain("output retention");
        assertThat(longerRetention.out()).contains("would be replayed").doesNotContain("output retention");
        assertThat(TOPICS.records(Topics.DOWNLOAD, id.toString()))
                .as("nothing written")
                .hasSize(1);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void aReplayThatFailsAgainIsParkedAndReplayedAgainOnlyByRefWithHeadersThatDoNotGrow() {
        UUID id = UUID.randomUUID();
        DeadLetterRef first = deadLetterAfterTransientFailures(id, "still down");

        assertThat(CliRun.dlq("replay", first.toString(), "--reason", "try again")
                        .exitCode())
                .isZero();
        ConsumerRecord<String, byte[]> parked = awaitDeadLetters(id, 2).get(1);
        DeadLetterRef second = refOf(parked);

        assertThat(TopicEvents.header(parked, FailureHeaders.PARKED)).isEqualTo("true");
        assertThat(TopicEvents.header(parked, FailureHeaders.REPLAY_COUNT)).isEqualTo("1");
        assertThat(TopicEvents.header(parked, FailureHeaders.REPLAY_OF)).isEqualTo(first.toString());
        assertThat(TopicEvents.header(parked, FailureHeaders.ATTEMPTS)).isEqualTo("4");
        CliRun byFilter = CliRun.dlq("replay", "--generation", id.toString(), "--reason", "loop?");
        assertThat(byFilter.exitCode()).isEqualTo(1);
        assertThat(byFilter.err()).contains(second + "  parked: it failed again after replay 1");

        assertThat(CliRun.dlq("replay", second.toString(), "--reason", "named").exitCode())
                .isZero();
        ConsumerRecord<String, byte[]> third = awaitDeadLetters(id, 3).get(2);
        assertThat(TopicEvents.header(third, FailureHeaders.REPLAY_COUNT)).isEqualTo("2");
        assertThat(TopicEvents.header(third, FailureHeaders.REPLAY_OF)).isEqualTo(second.toString());

        ConsumerRecord<String, byte[]> original =
                TOPICS.records(DEAD_LETTERS, id.toString()).get(0);
        for (ConsumerRecord<String, byte[]> deadLetter : List.of(original, parked, third)) {
            assertThat(keys(deadLetter)).as("every header once").doesNotHaveDuplicates();
        }
        assertThat(Set.copyOf(keys(third))).isEqualTo(Set.copyOf(keys(parked)));
        assertThat(Set.copyOf(keys(parked)))
                .containsAll(keys(original))
                .hasSize(keys(original).size() + 3); // pp-parked, pp-replay-count, pp-replay-of
        assertThat(size(third)).isLessThanOrEqualTo(size(parked) + 8).isLessThan(2_000);
        stage().heal(id);
    }

    @Test
    void replayRefusesATerminalDeadLetterAndSaysWhy() {
        UUID id = UUID.randomUUID();
        stage().failAlways(id, () -> new io.picturepipeline.retry.NonRetryableException("HTTP 404"));
        KAFKA.publish(Topics.DOWNLOAD, FakeStage.images(id));
        DeadLetterRef ref = refOf(awaitDeadLetters(id, 1).get(0));

        CliRun replay = CliRun.dlq("replay", ref.toString(), "--reason", "please");

        assertThat(replay.exitCode()).isEqualTo(1);
        assertThat(replay.err()).contains("terminal: the generation already failed and the client was told");
        assertThat(TOPICS.records(Topics.DOWNLOAD, id.toString())).hasSize(1);
    }

    @Test
    void resolveFailsAWaitingGenerationWithTheReasonAndClosesTheDeadLetter() {
        UUID id = UUID.randomUUID();
        DeadLetterRef ref = deadLetterAfterTransientFailures(id, "image gone");

        CliRun resolve = CliRun.dlq("resolve", "--generation", id.toString(), "--reason", "image expired");

        assertThat(resolve.exitCode()).as(resolve.toString()).isZero();
        assertThat(resolve.out()).contains("resolved " + ref + ": resolved; generation failed");
        assertThat(TOPICS.events(Topics.LIFECYCLE, id.toString(), GenerationFailed.class))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).isEqualTo("image expired");
                    assertThat(f.errorClass()).isEqualTo("TransientException");
                });
        assertThat(TOPICS.events(Topics.LIFECYCLE, id.toString(), DeadLetterResolved.class))
                .singleElement()
                .satisfies(r -> assertThat(r.deadLetterRef()).isEqualTo(ref.toString()));
        assertThat(CliRun.dlq("list", "--generation", id.toString()).exitCode()).isEqualTo(1);
        assertThat(CliRun.dlq("list", "--generation", id.toString(), "--all").out())
                .containsPattern(ref + ".*resolved");
        assertThat(CliRun.dlq("replay", ref.toString(), "--reason", "x").exitCode())
                .isEqualTo(1);
    }

    @Test
    void anUnreachableBrokerOrAMistypedCommandIsExitTwoWithAPlainMessage() {
        CliRun unreachable = CliRun.dlq("list", "--bootstrap", "127.0.0.1:1", "--timeout", "2s");
        CliRun noReason = CliRun.dlq("replay", "--stage", "download");
        CliRun noSelection = CliRun.dlq("replay", "--reason", "everything?");

        assertThat(unreachable.exitCode()).isEqualTo(2);
        assertThat(unreachable.err())
                .contains("cannot reach Kafka at 127.0.0.1:1 within 2s")
                .doesNotContain("\tat ");
        assertThat(noReason.exitCode()).isEqualTo(2);
        assertThat(noReason.err()).contains("Missing required option: '--reason=TEXT'");
        assertThat(noSelection.exitCode()).isEqualTo(2);
        assertThat(noSelection.err()).contains("say which dead letters to replay");
    }

    @Test
    void asItsOwnProcessAnInterruptedReplayCompletesOnRerunWithoutDuplicates() throws Exception {
        String marker = "batch-" + UUID.randomUUID();
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<DeadLetterRef> refs = new ArrayList<>();
        for (UUID id : ids) {
            refs.add(deadLetterAfterTransientFailures(id, marker));
            stage().heal(id);
        }

        Process listed = process("list", "--text", marker);
        assertThat(listed.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String listing = new String(listed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(listed.exitValue()).as(listing).isZero();
        assertThat(listing).contains(refs.get(0).toString()).contains("4 open dead letter(s)");

        Process replay = process("replay", "--text", marker, "--rate", "1", "--reason", "provider fixed");
        List<String> progress = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(
                () -> new BufferedReader(new InputStreamReader(replay.getInputStream(), StandardCharsets.UTF_8))
                        .lines()
                        .forEach(progress::add));
        reader.setDaemon(true);
        reader.start();
        await().atMost(PATIENCE).until(() -> progress.stream().anyMatch(line -> line.startsWith("[2/4]")));
        replay.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        CliRun rerun = CliRun.dlq("replay", "--text", marker, "--reason", "provider fixed");

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).as("only the rest").containsPattern("replayed [12] of [12] ");
        await().atMost(PATIENCE).until(() -> ids.stream().allMatch(id -> stage().timesProcessed(id) == 1));
        for (UUID id : ids) {
            assertThat(TOPICS.records(Topics.DOWNLOAD, id.toString()))
                    .as("the original and exactly one replay of " + id)
                    .hasSize(2);
        }
        assertThat(CliRun.dlq("list", "--text", marker).exitCode()).isEqualTo(1);
        Process unreachable = process("stats", "--bootstrap", "127.0.0.1:1", "--timeout", "1s");
        assertThat(unreachable.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(unreachable.exitValue()).isEqualTo(2);
        assertThat(new String(unreachable.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("cannot reach Kafka at 127.0.0.1:1");
    }

    /** `java -cp <this classpath> io.picturepipeline.ops.DlqCli ...`: the CLI as ./pp runs it. */
    private static Process process(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                DlqCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("KAFKA_BOOTSTRAP", BOOTSTRAP);
        builder.environment().put("USER", "ops-process");
        return builder.start();
    }

    private DeadLetterRef deadLetterAfterTransientFailures(UUID id, String message) {
        stage().failAlways(id, () -> new io.picturepipeline.retry.TransientException(message, null, null));
        KAFKA.publish(Topics.DOWNLOAD, FakeStage.images(id));
        return refOf(awaitDeadLetters(id, 1).get(0));
    }

    private static List<ConsumerRecord<String, byte[]>> awaitDeadLetters(UUID id, int count) {
        return await().atMost(PATIENCE)
                .until(() -> TOPICS.records(DEAD_LETTERS, id.toString()), r -> r.size() >= count);
    }

    private static DeadLetterRef refOf(ConsumerRecord<?, ?> record) {
        return new DeadLetterRef(record.topic(), record.partition(), record.offset());
    }

    private static List<String> keys(ConsumerRecord<?, ?> record) {
        return StreamSupport.stream(record.headers().spliterator(), false)
                .map(Header::key)
                .collect(Collectors.toList());
    }

    private static int size(ConsumerRecord<?, ?> record) {
        return StreamSupport.stream(record.headers().spliterator(), false)
                .mapToInt(h -> h.key().length() + h.value().length)
                .sum();
    }
}
