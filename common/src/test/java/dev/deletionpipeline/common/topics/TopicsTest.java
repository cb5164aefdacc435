package dev.deletionpipeline.common.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicNameIsUnique() {
        List<String> names = Topics.ALL.stream().map(Topic::name).toList();

        assertThat(names).doesNotHaveDuplicates().hasSize(12);
    }

    @Test
    void compactedTopicsAreTopicsOfTheContract() {
        assertThat(Topics.ALL).containsAll(Topics.COMPACTED);
        assertThat(Topics.COMPACTED).containsExactly(Topics.DELETION_STATUS, Topics.QUOTA_WAITS);
    }

    @Test
    void theOutboxTableRefusesPayloadsAboveTheLimitTheWritersKeepTo() throws IOException {
        try (InputStream migration = Topics.class.getResourceAsStream("/db/migration/V16__outbox_payload_limit.sql")) {
            assertThat(new String(migration.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("octet_length(payload::text) <= " + Topics.OUTBOX_PAYLOAD_MAX_BYTES + ")");
        }
    }

    @Test
    void everyTopicNameIsVersioned() {
        assertThat(Topics.ALL).allSatisfy(topic -> assertThat(topic.name()).matches("[a-z-]+\\.[a-z-]+\\.v\\d+"));
    }

    @Test
    void aPrefixIsPutBeforeTheNameAndKeepsTheSerdes() {
        Topic<String, ?> prefixed = Topics.HARD_DELETE_CONFIRMED.withPrefix("staging.");

        assertThat(prefixed.name()).isEqualTo("staging.blocks.hard-delete-confirmed.v1");
        assertThat(prefixed.keySerde()).isSameAs(Topics.HARD_DELETE_CONFIRMED.keySerde());
        assertThat(prefixed.valueSerde()).isSameAs(Topics.HARD_DELETE_CONFIRMED.valueSerde());
    }

    @Test
    void anEmptyOrMissingPrefixLeavesTheTopicAsItIs() {
        assertThat(Topics.DELETION_STATUS.withPrefix("")).isSameAs(Topics.DELETION_STATUS);
        assertThat(Topics.DELETION_STATUS.withPrefix(null)).isSameAs(Topics.DELETION_STATUS);
    }
}
