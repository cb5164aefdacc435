package dev.deletionpipeline.api.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.settings.DeploymentTopics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.core.type.TypeReference;

/**
 * {@code deploy/debezium/outbox-connector.json} routes and labels events exactly like the embedded relay with its
 * defaults from {@code application.yml}, so that switching to Kafka Connect changes nothing a consumer can see.
 */
class OutboxConnectorJsonTest {

    private static final Path CONNECTOR_JSON = Path.of("..", "deploy", "debezium", "outbox-connector.json");

    @Test
    void everyRelaySettingHasItsDefaultInApplicationYml() throws IOException {
        RelaySettings settings = defaults();

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.slotName()).isEqualTo("deletion_relay");
        assertThat(settings.leaderPollInterval()).isPositive();
        assertThat(settings.database().name()).isEqualTo("deletion");
        assertThat(settings.kafka().offsetFlushInterval()).isPositive();
        assertThat(settings.cleanup().retention()).isEqualTo(Duration.ofHours(1));
        assertThat(settings).hasNoNullFieldsOrProperties();
        assertThat(settings.database()).hasNoNullFieldsOrProperties();
        assertThat(settings.kafka()).hasNoNullFieldsOrProperties();
        assertThat(settings.cleanup()).hasNoNullFieldsOrProperties();
    }

    @Test
    void kafkaConnectConfigurationCapturesAndRoutesLikeTheEmbeddedRelay() throws IOException {
        Map<String, String> json = connectorJson();

        assertThat(json)
                .containsAllEntriesOf(OutboxConnectorProperties.connector(
                        defaults(),
                        applicationYml()
                                .bind("deletion", DeploymentTopics.class)
                                .get()
                                .topicPrefix()));
        assertThat(json.get("transforms")).contains("outbox");
    }

    @Test
    void kafkaConnectConfigurationAddsTheConstantCloudEventsHeaders() throws IOException {
        Map<String, String> json = connectorJson();

        assertThat(json)
                .containsEntry("transforms.ceSource.header", CloudEventHeaders.SOURCE)
                .containsEntry("transforms.ceSource.value.literal", defaults().source())
                .containsEntry("transforms.ceSpecVersion.header", CloudEventHeaders.SPEC_VERSION)
                .containsEntry("transforms.ceSpecVersion.value.literal", CloudEventHeaders.SPEC_VERSION_1_0)
                .containsEntry("transforms.contentType.header", CloudEventHeaders.CONTENT_TYPE)
                .containsEntry("transforms.contentType.value.literal", CloudEventHeaders.JSON);
    }

    private static Map<String, String> connectorJson() {
        return EventJson.mapper().readValue(CONNECTOR_JSON.toFile(), new TypeReference<Map<String, String>>() {});
    }

    private static RelaySettings defaults() throws IOException {
        return applicationYml().bind("deletion.relay", RelaySettings.class).get();
    }

    private static Binder applicationYml() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment);
    }
}
