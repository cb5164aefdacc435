package dev.deletionpipeline.common.cloudevents;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.SampleEvents;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that moving to the CloudEvents SDK left the wire format alone: {@code cloudevents/golden-headers.tsv} holds
 * the header bytes of the hand-written writer, captured from it before it was deleted, and the SDK path must write the
 * same bytes under the same names. The cases include the {@code ce_time} fractions that the SDK alone would print
 * differently ({@code .120Z}, {@code .123450Z}). The order of the headers is not compared: the SDK writes
 * {@code ce_source} before {@code ce_type} and {@code content-type} before {@code ce_time}, and every reader looks
 * headers up by name.
 */
class WireFormatUnchangedTest {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void theSdkWritesTheBytesTheHandWrittenCodeDid(GoldenCase golden) throws Exception {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("blocks.lifecycle.v1", "key", json);

        ContractCloudEvents.writeTo(record.headers(), golden.cloudEvent());

        assertThat(hexByName(record.headers())).containsExactlyInAnyOrderEntriesOf(golden.headers());
        assertThat(record.headers().toArray()).hasSameSizeAs(golden.headers().keySet());
        assertThat(record.value()).isSameAs(json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void theSdkReadsTheHandWrittenBytesAsTheSameAttributes(GoldenCase golden) throws Exception {
        Headers handWritten = new RecordHeaders();
        golden.headers().forEach((name, hex) -> handWritten.add(name, HEX.parseHex(hex)));
        CloudEvent expected = golden.cloudEvent();

        CloudEvent read = KafkaMessageFactory.createReader(handWritten, null).toEvent();

        assertThat(read.getSpecVersion()).isEqualTo(expected.getSpecVersion());
        assertThat(read.getId()).isEqualTo(expected.getId());
        assertThat(read.getType()).isEqualTo(expected.getType());
        assertThat(read.getSource()).isEqualTo(expected.getSource());
        assertThat(read.getTime()).isEqualTo(expected.getTime());
        assertThat(read.getDataContentType()).isEqualTo(CloudEventHeaders.JSON);
        assertThat(read).isEqualTo(expected);
    }

    static List<GoldenCase> goldenCases() throws IOException {
        try (InputStream in = WireFormatUnchangedTest.class.getResourceAsStream("/cloudevents/golden-headers.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .filter(line -> !line.isBlank() && !line.startsWith("#"))
                            .map(line -> line.split("\t"))
                            .collect(groupingBy(row -> row[0] + row[1] + row[2], LinkedHashMap::new, toList()))
                            .values()
                            .stream()
                            .map(GoldenCase::of)
                            .toList();
        }
    }

    private static Map<String, String> hexByName(Headers headers) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (Header header : headers) {
            byName.put(header.key(), HEX.formatHex(header.value()));
        }
        return byName;
    }

    /** One event as the hand-written code stamped it: which sample, from where, when, and the header bytes. */
    record GoldenCase(String sampleEvent, String source, Instant time, Map<String, String> headers) {

        static GoldenCase of(List<String[]> rows) {
            Map<String, String> headers = new LinkedHashMap<>();
            rows.forEach(row -> headers.put(row[3], row[4]));
            String[] first = rows.get(0);
            return new GoldenCase(first[0], first[1], Instant.parse(first[2]), headers);
        }

        CloudEvent cloudEvent() throws ReflectiveOperationException {
            return ContractCloudEvents.of(
                    SampleEvents.class.getMethod(sampleEvent).invoke(null), source, time);
        }

        @Override
        public String toString() {
            return sampleEvent + " from " + source + " at " + time;
        }
    }
}
