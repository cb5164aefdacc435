package dev.deletionpipeline.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.deletionpipeline.common.topics.Topic;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.kafka.LocalKafka;
import dev.deletionpipeline.localstack.postgres.LocalPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The container engines are configured as the embedded ones: the same tests may run on either. */
class ContainerEnginesIT {

    @BeforeAll
    static void needsDocker() {
        assumeTrue(
                ContainerEngines.dockerAvailable(),
                "No Docker daemon answers here: the Testcontainers engines are not tried (the embedded ones are)");
    }

    @Test
    void postgresContainerDecodesLogicallyAndTakesThePipelinesSchema() throws Exception {
        try (LocalPostgres postgres = ContainerEngines.postgres()) {
            postgres.migrate(LocalPostgres.DATABASE);
            try (Connection connection = postgres.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                assertThat(setting(statement, "wal_level")).isEqualTo("logical");
                assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
                statement.execute("SELECT pg_create_logical_replication_slot('it_slot', 'pgoutput')");
                ResultSet owners = statement.executeQuery("SELECT count(*) FROM owners");
                owners.next();
                assertThat(owners.getInt(1)).isZero();
            }
        }
    }

    @Test
    void kafkaContainerHasEveryContractTopic() throws Exception {
        try (LocalKafka kafka = ContainerEngines.kafka(3);
                Admin admin = Admin.create(kafka.adminClientProperties())) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).containsAll(Topics.ALL.stream().map(Topic::name).toList());
        }
    }

    private static String setting(Statement statement, String name) throws Exception {
        ResultSet row = statement.executeQuery("SHOW " + name);
        row.next();
        return row.getString(1);
    }
}
