package dev.deletionpipeline.localstack.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.topics.Topic;
import dev.deletionpipeline.common.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertThat(compose).contains("KAFKA_PROCESS_ROLES: broker,controller").contains("wal_level=logical");
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

    @Test
    void kafkaAsksEveryClientToLogInAndAllowsOnlyWhatAnAclAllows() throws IOException {
        Map<String, Object> kafka = environment("kafka");
        assertThat((String) kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"))
                .doesNotContain(":PLAINTEXT")
                .doesNotContain(":SSL");
        assertThat(kafka)
                .containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                .containsEntry("KAFKA_SUPER_USERS", "User:admin");
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheNamedRequesterMayWriteTheCommandTopic() throws IOException {
        String setup = String.join("\n", (List<String>) service("kafka-setup").get("command"));
        List<String> writers = setup.lines()
                .filter(line -> line.contains("--operation Write --topic " + Topics.DELETION_REQUESTS.name()))
                .toList();
        assertThat(writers).singleElement().asString().contains("--allow-principal \"User:$$REQUESTER_USER\"");
    }

    @Test
    void eachServiceLogsInToKafkaAsItsOwnPrincipalWithARequiredPassword() throws IOException {
        Map<String, String> passwords = Map.of(
                "deletion-api", "KAFKA_API_PASSWORD",
                "deletion-worker", "KAFKA_WORKER_PASSWORD",
                "reconciler", "KAFKA_RECONCILER_PASSWORD");
        for (Map.Entry<String, String> password : passwords.entrySet()) {
            String service = password.getKey();
            assertThat((String) environment(service).get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
                    .as(service)
                    .contains("username=\"" + service + "\"")
                    .contains("password=\"${" + password.getValue() + ":?");
        }
    }

    @Test
    void kafkaConnectsRestPortIsNotPublished() throws IOException {
        assertThat(service("kafka-connect")).doesNotContainKey("ports");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String service) throws IOException {
        return (Map<String, Object>) service(service).get("environment");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        return (Map<String, Object>) services().get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        return (Map<String, Object>) compose.get("services");
    }
}
