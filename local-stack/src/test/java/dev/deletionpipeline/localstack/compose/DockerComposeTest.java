package dev.deletionpipeline.localstack.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.auth.TokenClaims;
import dev.deletionpipeline.common.topics.Topic;
import dev.deletionpipeline.common.topics.Topics;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml cannot run on the build machines, so this keeps it valid and in step with the contract. */
class DockerComposeTest {

    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    private static final String OWN_SECRET = "an-operator-chosen-secret-of-40-bytes-abc";

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

    /**
     * Renders the file with {@code docker-compose config} (Debian's v1, which needs no Docker engine): without token
     * settings it refuses, naming them, so the file cannot come up on a default; with them it renders. v1 does not know
     * the Compose Specification's top-level {@code name}, so a copy without that line is rendered.
     */
    @Test
    void composeRefusesToRenderWithoutTokenSettingsAndRendersWithThem(@TempDir Path directory) throws Exception {
        Assumptions.assumeTrue(
                onPath("docker-compose"),
                "docker-compose (v1) is not installed (apt-get install -y docker-compose): not rendered");
        String withoutName = Files.readString(COMPOSE).replaceFirst("(?m)^name: .*\\R", "");
        Files.writeString(directory.resolve("docker-compose.yml"), withoutName);

        Rendered bare = render(directory, Map.of());
        assertThat(bare.exitCode()).as(bare.output()).isNotZero();
        assertThat(bare.output()).contains("set JWT_JWK_SET_URI (your JWKS URI), or set it empty and JWT_SECRET");

        Rendered withoutIssuer = render(directory, Map.of("JWT_JWK_SET_URI", "", "JWT_SECRET", OWN_SECRET));
        assertThat(withoutIssuer.exitCode()).isNotZero();
        assertThat(withoutIssuer.output()).contains("set JWT_ISSUER");

        Rendered chosen = render(
                directory,
                Map.of(
                        "JWT_JWK_SET_URI", "",
                        "JWT_SECRET", OWN_SECRET,
                        "JWT_ISSUER", "https://login.example",
                        "JWT_AUDIENCE", "deletion-pipeline"));
        assertThat(chosen.exitCode()).as(chosen.output()).isZero();
        assertThat(chosen.output().split("JWT_ISSUER: https://login.example", -1))
                .hasSize(4);
        assertThat(chosen.output()).doesNotContain(TokenClaims.LOCAL_DEV_SECRET);
    }

    /** No password or credential choice has a default in the production shape: the operator must set each one. */
    @Test
    void everyPasswordAndTheGoogleCredentialModeAreRequired() throws IOException {
        String compose = Files.readString(COMPOSE);
        assertThat(compose)
                .contains("${POSTGRES_PASSWORD:?")
                .contains("GOOGLE_CREDENTIALS_MODE: ${GOOGLE_CREDENTIALS_MODE:?")
                .doesNotContainPattern("PASSWORD:-");
    }

    /** Always, also without docker-compose: every service takes the token settings from the operator, no default. */
    @Test
    void everyServiceTakesTheTokenSettingsFromTheOperatorWithoutADefault() throws IOException {
        String compose = Files.readString(COMPOSE);
        assertThat(compose)
                .contains("JWT_JWK_SET_URI: ${JWT_JWK_SET_URI?")
                .contains("JWT_ISSUER: ${JWT_ISSUER:?")
                .contains("JWT_AUDIENCE: ${JWT_AUDIENCE:?")
                .contains("JWT_SECRET: ${JWT_SECRET:-}")
                .doesNotContain(TokenClaims.LOCAL_DEV_SECRET)
                .doesNotContain("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI");
        for (String variable : new String[] {"JWT_JWK_SET_URI: ", "JWT_SECRET: ", "JWT_ISSUER: ", "JWT_AUDIENCE: "}) {
            assertThat(compose.split(variable, -1))
                    .as("%s set once, for every service", variable)
                    .hasSize(2);
        }
        Map<String, Object> services = services();
        for (String service : new String[] {"deletion-api", "deletion-worker", "reconciler"}) {
            @SuppressWarnings("unchecked")
            Map<String, Object> definition = (Map<String, Object>) services.get(service);
            assertThat((Map<String, Object>) definition.get("environment"))
                    .as(service)
                    .containsKeys("JWT_JWK_SET_URI", "JWT_SECRET", "JWT_ISSUER", "JWT_AUDIENCE");
        }
    }

    private static final List<String> KAFKA_PASSWORDS = List.of(
            "KAFKA_ADMIN_PASSWORD",
            "KAFKA_API_PASSWORD",
            "KAFKA_WORKER_PASSWORD",
            "KAFKA_RECONCILER_PASSWORD",
            "KAFKA_REQUESTER_PASSWORD",
            "KAFKA_CONNECT_PASSWORD");

    private record Rendered(int exitCode, String output) {}

    private static Rendered render(Path directory, Map<String, String> variables) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "config")
                .directory(directory.toFile())
                .redirectErrorStream(true);
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("JWT_")
                        || name.startsWith("KAFKA_")
                        || name.startsWith("COMPOSE_")
                        || name.startsWith("POSTGRES_")
                        || name.startsWith("GOOGLE_"));
        // the Kafka passwords are required too (their own test); given here so that the token settings are what fails
        for (String password : KAFKA_PASSWORDS) {
            builder.environment().put(password, "kafka-password-for-rendering");
        }
        builder.environment().put("POSTGRES_PASSWORD", "postgres-password-for-rendering");
        builder.environment().put("GOOGLE_CREDENTIALS_MODE", "SERVICE_ACCOUNT");
        builder.environment().putAll(variables);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Rendered(process.exitValue(), output);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null
                && Arrays.stream(path.split(File.pathSeparator))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        return (Map<String, Object>) compose.get("services");
    }
}
