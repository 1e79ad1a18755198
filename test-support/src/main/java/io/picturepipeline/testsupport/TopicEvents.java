package io.picturepipeline.testsupport;

import io.picturepipeline.infra.TopicReader;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.PipelineEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * What a topic of the test broker holds now, from its beginning to its end as of the call (read with local-infra's
 * {@link TopicReader}, committed records only), decoded with the schemas' codec for assertions. Each call reads
 * afresh, so a test may poll it with Awaitility, and "nothing there" means nothing up to the call.
 */
public final class TopicEvents {

    private static final EventCodec CODEC = new EventCodec();

    private final String bootstrap;
    private final TopicReader reader;

    public TopicEvents(String bootstrap) {
        this.bootstrap = bootstrap;
        this.reader = new TopicReader(bootstrap);
    }

    /** Every record of {@code topic}, partition by partition, each partition in offset order. */
    public List<ConsumerRecord<String, byte[]>> records(String topic) {
        return reader.readAll(topic);
    }

    /** Every record of {@code topic} with {@code key} (a generation id), in offset order. */
    public List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return reader.records(topic, key);
    }

    public <T extends PipelineEvent> List<T> events(String topic, String key, Class<T> type) {
        return ofType(records(topic, key), type);
    }

    /** The event types of one key, in order. */
    public List<String> types(String topic, String key) {
        return records(topic, key).stream().map(r -> decode(r).type()).toList();
    }

    /** The offset {@code group} has committed on {@code partition}, or -1 when it has committed none. */
    public long committedOffset(String group, TopicPartition partition) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .get(partition);
            return committed == null ? -1 : committed.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of " + group, e);
        }
    }

    /** Whether {@code group} has committed every partition of {@code topic} up to its end as of the call. */
    public boolean consumedToTheEnd(String group, String topic) {
        return reader.lag(Map.of(group, Set.of(topic))) == 0;
    }

    public static PipelineEvent decode(ConsumerRecord<String, byte[]> record) {
        return CODEC.decode(record.value());
    }

    /** The events of {@code records} that are a {@code type}, decoded, in the records' order. */
    public static <T extends PipelineEvent> List<T> ofType(
            List<ConsumerRecord<String, byte[]>> records, Class<T> type) {
        return records.stream()
                .map(TopicEvents::decode)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** The last value of header {@code name} as text, or null when the record has none. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
