package dev.deletionpipeline.reconciler.query;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.reconciler.status.QueryFixture;
import dev.deletionpipeline.reconciler.status.TrackingQueries;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The REST queries over a real topology's stores, run in a {@code TopologyTestDriver}; no server, no broker. */
class TrackingQueryControllerTest {

    private QueryFixture fixture;
    private MockMvc mvc;

    @BeforeEach
    void start() {
        fixture = new QueryFixture();
        mvc = controllerOver(fixture.queries(), Clock.fixed(fixture.now(), ZoneOffset.UTC));
    }

    /** One instance that holds every store (no peers), answering from {@code queries}. */
    private static MockMvc controllerOver(TrackingQueries queries, Clock clock) {
        return MockMvcBuilders.standaloneSetup(new TrackingQueryController(
                        queries, QueryRouting.localOnly(), new HttpPeerClient(new PeerSettings(null, null)), clock))
                .build();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void statusOfATrackedBlockIsItsLatestDeletionStatus() throws Exception {
        BlockSoftDeleted request = fixture.softDelete(Duration.ofMinutes(5));

        mvc.perform(get("/v1/status/{blockId}", request.blockId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.blockId").value(request.blockId().toString()))
                .andExpect(jsonPath("$.state").value("SOFT_DELETED"))
                .andExpect(jsonPath("$.deletionId").value(request.deletionId().toString()));
    }

    @Test
    void statusOfAnUnknownBlockIsANotFoundProblem() throws Exception {
        mvc.perform(get("/v1/status/{blockId}", UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").exists());
    }

    @Test
    void summaryCountsWhatTheStoresHold() throws Exception {
        fixture.softDelete(Duration.ofMinutes(5));
        fixture.softDelete(Duration.ofMinutes(5));

        mvc.perform(get("/v1/summary"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("global"))
                .andExpect(jsonPath("$.countsByState.SOFT_DELETED").value(2));
    }

    @Test
    void orphansListsOnlyOpenOrphans() throws Exception {
        BlockSoftDeleted lost = fixture.softDelete(Duration.ofMinutes(5));
        BlockSoftDeleted resolved = fixture.softDelete(Duration.ofMinutes(5));
        fixture.advance(Duration.ofMinutes(16));
        fixture.confirm(resolved);

        mvc.perform(get("/v1/orphans"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].blockId").value(lost.blockId().toString()))
                .andExpect(jsonPath("$[0].type").value("UNCONFIRMED_TIMEOUT"));
    }

    @Test
    void orphansAreServiceUnavailableWhileOneOfThisInstancesPartitionsCannotBeRead() throws Exception {
        fixture.softDelete(Duration.ofMinutes(5));
        fixture.advance(Duration.ofMinutes(16));
        var oneRestoring = new TrackingQueries(
                new TrackingQueries.StoreLookup() {
                    @Override
                    public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
                        // the whole store reads fine: it simply leaves the restoring partition out
                        return fixture.stores().keyValueStore(name);
                    }

                    @Override
                    public <V> List<ReadOnlyKeyValueStore<String, V>> keyValueStoreParts(String name) {
                        throw new InvalidStateStoreException("partition 1 is being restored");
                    }
                },
                fixture.settings());
        MockMvc restoring = controllerOver(oneRestoring, Clock.systemUTC());

        restoring
                .perform(get("/v1/orphans"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "2"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void storesThatCannotBeQueriedNowAnswerServiceUnavailable() throws Exception {
        var unavailable = new TrackingQueries(
                new TrackingQueries.StoreLookup() {
                    @Override
                    public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
                        throw new InvalidStateStoreException("rebalancing");
                    }
                },
                fixture.settings());
        MockMvc rebalancing = controllerOver(unavailable, Clock.systemUTC());

        rebalancing
                .perform(get("/v1/summary"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "2"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
