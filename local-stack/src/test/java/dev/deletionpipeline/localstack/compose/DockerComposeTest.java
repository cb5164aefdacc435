package dev.deletionpipeline.localstack.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.topics.Topic;
import dev.deletionpipeline.common.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml cannot run on the build machines, so this keeps it valid and in step with the contract. */
class DockerComposeTest {

    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");

    @Test
    void composeFileParsesAndHasTheProductionShape() throws IOException {
        Map<String, Object> services = services();
        assertThat(services)
                .containsKeys("kafka", "postgres", "deletion-api", "deletion-worker", "reconciler", "kafka-connect");
    }

    @Test
    void kafkaRunsInKraftModeAndPostgresWithLogicalDecoding() throws IOException {
        String compose = Files.readString(COMPOSE);
        assertThat(compose)
                .contains("KAFKA_PROCESS_ROLES: broker,controller")
                .contains("wal_level=logical")
                .contains("max_slot_wal_keep_size=");
    }

    @Test
    void everyContractTopicIsCreatedAndTheStatusTopicIsCompacted() throws IOException {
        String compose = Files.readString(COMPOSE);
        for (Topic<?, ?> topic : Topics.ALL) {
            assertThat(compose).as(topic.name()).contains(topic.name());
        }
        assertThat(compose)
                .contains(
                        "--topic " + Topics.DELETION_STATUS.name() + " --partitions 6 --config cleanup.policy=compact");
    }

    @Test
    void servicesRunTheJarsThisBuildProduces() throws IOException {
        String compose = Files.readString(COMPOSE);
        for (String service : new String[] {"deletion-api", "deletion-worker", "reconciler"}) {
            assertThat(compose).contains("./" + service + "/target/" + service + "-0.1.0-SNAPSHOT-exec.jar");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        return (Map<String, Object>) compose.get("services");
    }
}
