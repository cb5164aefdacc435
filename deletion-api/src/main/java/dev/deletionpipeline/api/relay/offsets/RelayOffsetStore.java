package dev.deletionpipeline.api.relay.offsets;

import io.debezium.embedded.KafkaConnectUtil;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.KafkaOffsetBackingStore;
import org.apache.kafka.connect.util.SharedTopicAdmin;
import org.apache.kafka.connect.util.TopicAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    /**
     * Engine property with an id of one engine run. An engine closed while its offset store starts never stops that
     * store (Debezium 3.6 stops the store through the connector's context, which does not exist yet): its relay calls
     * {@link #stopIfLeftRunning} with the id once the engine has ended.
     */
    public static final String ENGINE_RUN = "relay.offsets.engine-run";

    private static final Logger log = LoggerFactory.getLogger(RelayOffsetStore.class);
    /** The stores started and not yet stopped, by engine run. */
    private static final Map<String, RelayOffsetStore> RUNNING = new ConcurrentHashMap<>();

    private final OwnedAdmin admin;
    private volatile String engineRun;

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
        Object run = config.originals().get(ENGINE_RUN);
        if (run != null) {
            engineRun = run.toString();
            RUNNING.put(engineRun, this);
        }
    }

    @Override
    public void stop() {
        if (engineRun != null) {
            RUNNING.remove(engineRun, this);
        }
        try {
            super.stop();
        } finally {
            admin.close();
        }
    }

    /**
     * Stops the store of an engine run that has ended, if its engine did not: call it after the engine's {@code run}
     * returned, never while the engine may still use its store.
     */
    public static void stopIfLeftRunning(String engineRun) {
        RelayOffsetStore store = RUNNING.remove(engineRun);
        if (store != null) {
            log.info("Stopping the offset store that the closed engine did not stop (closed while it started)");
            store.stop();
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
