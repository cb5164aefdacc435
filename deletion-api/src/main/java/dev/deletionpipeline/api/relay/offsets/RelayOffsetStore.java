package dev.deletionpipeline.api.relay.offsets;

import io.debezium.embedded.KafkaConnectUtil;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.KafkaOffsetBackingStore;
import org.apache.kafka.connect.util.SharedTopicAdmin;
import org.apache.kafka.connect.util.TopicAdmin;

/**
 * Kafka Connect's offset store in Kafka, with an admin client that it owns and closes when it stops. The store Debezium
 * builds for {@code KafkaOffsetBackingStore} (3.6, {@code KafkaConnectUtil.kafkaOffsetBackingStore}) gets a
 * {@link SharedTopicAdmin} that nothing ever closes, and the store does not close an admin it was given: every engine
 * start (taking the lead, each restart after a failure) left one admin client behind, with its thread and connections,
 * reconnecting every second once its broker was gone. Named in {@code offset.storage}, this class is made by Debezium
 * with its public no-argument constructor (hence public, in a package of its own), then configured, started and stopped
 * like the stock one. The admin client gets only admin client settings (bootstrap servers and the security ones), not
 * the engine's whole configuration with the database password. Client ids follow the engine's {@code name}: the
 * producer and consumer {@code <name>-offsets}, the admin client {@code <name>-offsets-admin}.
 */
public final class RelayOffsetStore extends KafkaOffsetBackingStore {

    private final OwnedAdmin admin;

    public RelayOffsetStore() {
        this(new OwnedAdmin());
    }

    private RelayOffsetStore(OwnedAdmin admin) {
        super(admin, admin::clientIdBase, KafkaConnectUtil.converterForOffsetStore());
        this.admin = admin;
    }

    @Override
    public void configure(WorkerConfig config) {
        Object engineName = config.originals().get("name");
        String clientIdBase = (engineName == null ? "debezium" : engineName) + "-";
        Map<String, Object> adminSettings = new HashMap<>(config.originals());
        adminSettings.keySet().retainAll(AdminClientConfig.configNames());
        adminSettings.put(AdminClientConfig.CLIENT_ID_CONFIG, clientIdBase + "offsets-admin");
        admin.open(clientIdBase, adminSettings);
        super.configure(config);
    }

    @Override
    public void stop() {
        try {
            super.stop();
        } finally {
            admin.close();
        }
    }

    /** Made when the store is configured (before it starts), closed when it stops. */
    private static final class OwnedAdmin implements Supplier<TopicAdmin> {

        private final AtomicReference<SharedTopicAdmin> shared = new AtomicReference<>();
        private volatile String clientIdBase;

        void open(String clientIdBase, Map<String, Object> settings) {
            this.clientIdBase = clientIdBase;
            SharedTopicAdmin previous = shared.getAndSet(new SharedTopicAdmin(settings));
            if (previous != null) {
                previous.close();
            }
        }

        String clientIdBase() {
            return clientIdBase;
        }

        @Override
        public TopicAdmin get() {
            return shared.get().topicAdmin();
        }

        void close() {
            SharedTopicAdmin current = shared.getAndSet(null);
            if (current != null) {
                current.close();
            }
        }
    }
}
