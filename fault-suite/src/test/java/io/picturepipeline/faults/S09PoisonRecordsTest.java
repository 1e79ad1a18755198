package io.picturepipeline.faults;

import io.picturepipeline.faults.Ledger.ExpectedDeadLetter;
import io.picturepipeline.faults.Poison.Kind;
import io.picturepipeline.infra.TopicReader;
import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 9: poison records of every kind (garbage, empty, wrong type, missing field, oversized, wrong key) on every
 * input topic (generate, download, lifecycle, and the first retry tier of each stage where the stages consume
 * tiers). Each must land on its topic's dead-letter topic, once, with its reason; the good record right behind it on
 * the same partition must complete.
 */
@Order(8)
@Tag("fault")
@Tag("smoke")
class S09PoisonRecordsTest {

    private static final String SCENARIO = "s09-poison";
    private static final int PARTITIONS = 12;

    @Test
    void everyPoisonRecordIsDeadLetteredWithItsReasonAndTheNextRecordCompletes() {
        FaultStack stack = SharedStack.standard();
        Injections inject = new Injections(stack);
        List<String> topics = new ArrayList<>(List.of(Topics.GENERATE, Topics.DOWNLOAD, Topics.LIFECYCLE));
        // the first backoff tier of each stage, where the stage consumes its tiers (group <group>-retry-0)
        Set<String> groups = stack.topicReader().groups();
        if (groups.contains("generation-consumer-retry-0")) {
            topics.add(Topics.retry(Topics.GENERATE, 0));
        }
        if (groups.contains("download-consumer-retry-0")) {
            topics.add(Topics.retry(Topics.DOWNLOAD, 0));
        }
        // every kind but oversized first: an oversized record that blocks its partition must not hide the others
        List<Kind> first = new ArrayList<>(List.of(Kind.values()));
        first.remove(Kind.OVERSIZED);
        int poisoned = poison(stack, inject, topics, first);
        TopicReader reader = stack.topicReader();
        try {
            Scenarios.awaitUntil("the first poison records on their dead-letter topics", Duration.ofSeconds(30), () -> {
                long dead = 0;
                for (String dlt : List.of(Topics.GENERATE, Topics.DOWNLOAD, Topics.LIFECYCLE)) {
                    dead += reader.readAll(Topics.deadLetter(dlt)).size();
                }
                return dead >= first.size() * (long) topics.size();
            });
        } catch (ConditionTimeoutException notAll) {
            Scenarios.log(SCENARIO + ": " + notAll.getMessage() + "; the check will name the missing ones");
        }
        poisoned += poison(stack, inject, topics, List.of(Kind.OVERSIZED));
        Scenarios.log(SCENARIO + ": " + poisoned + " poison records on " + topics + ", each followed by a good one");

        Report report = stack.check(SCENARIO, Duration.ofSeconds(Scale.pick(90, 240)));
        report.count("poison records", poisoned + " on " + topics);
        Scenarios.file(SCENARIO, report, stack);
        Scenarios.assertHolds(report);
    }

    /** Each kind on each topic, each followed by a good record on the same partition; returns how many. */
    private static int poison(FaultStack stack, Injections inject, List<String> topics, List<Kind> kinds) {
        int poisoned = 0;
        for (String topic : topics) {
            for (Kind kind : kinds) {
                Poison.Record poison = Poison.of(topic, kind);
                stack.publisher().send(poison.topic(), poison.key(), poison.value(), null);
                stack.ledger().poisonKey(SCENARIO, poison.key());
                stack.ledger()
                        .expectDeadLetter(new ExpectedDeadLetter(
                                SCENARIO,
                                Topics.deadLetter(Topics.mainTopicOf(topic)),
                                poison.key(),
                                poison.expectException(),
                                poison.expectMessage(),
                                poison.what()));
                poisoned++;
                UUID good = DirectPublisher.idOnPartitionOf(poison.key(), PARTITIONS);
                String goodTopic = topic.equals(Topics.LIFECYCLE) ? Topics.GENERATE : topic;
                if (Topics.mainTopicOf(topic).equals(Topics.DOWNLOAD)) {
                    inject.download(
                            SCENARIO,
                            good,
                            inject.finishedPrediction("good after " + poison.what()),
                            Set.of(GenerationStatus.COMPLETED),
                            "good record after " + poison.what(),
                            goodTopic);
                } else {
                    inject.request(SCENARIO, good, "good record after " + poison.what(), goodTopic);
                }
            }
        }
        return poisoned;
    }
}
