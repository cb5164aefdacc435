package dev.deletionpipeline.reconciler.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.reconciler.status.QueryFixture;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Keys held by another instance are forwarded there; lists are gathered from all instances; no server, no broker. */
class ForwardingQueryControllerTest {

    private static final HostInfo PEER = new HostInfo("peer.local", 8090);
    private static final String BEARER = "Bearer some.admin.token";

    private final QueryFixture local = new QueryFixture();
    private final QueryFixture remote = new QueryFixture();
    private final List<String> forwarded = new ArrayList<>();

    @AfterEach
    void close() {
        local.close();
        remote.close();
    }

    @Test
    void statusOfABlockHeldByAnotherInstanceIsItsAnswer() throws Exception {
        PeerClient peer =
                fakePeer(new PeerClient.PeerAnswer(200, "application/json", bytes("{\"state\":\"CONFIRMED\"}")));
        UUID block = UUID.randomUUID();

        mvc(remoteKeys(), peer)
                .perform(get("/v1/status/{blockId}", block).header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("CONFIRMED"));

        assertThat(forwarded).containsExactly(PEER + " /v1/status/" + block);
    }

    @Test
    void notFoundOfTheOwnerIsPassedOn() throws Exception {
        PeerClient peer =
                fakePeer(new PeerClient.PeerAnswer(404, "application/problem+json", bytes("{\"status\":404}")));

        mvc(remoteKeys(), peer)
                .perform(get("/v1/status/{blockId}", UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void forwardedRequestForAKeyThatHasMovedAgainIsServiceUnavailableNotForwardedOnwards() throws Exception {
        mvc(remoteKeys(), fakePeer(null))
                .perform(get("/v1/status/{blockId}", UUID.randomUUID())
                        .header(TrackingQueryController.SCOPE_HEADER, TrackingQueryController.LOCAL_SCOPE))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists(HttpHeaders.RETRY_AFTER));

        assertThat(forwarded).isEmpty();
    }

    @Test
    void rebalancingIsServiceUnavailableWithRetryAfter() throws Exception {
        QueryRouting rebalancing = new QueryRouting() {
            @Override
            public Optional<HostInfo> remoteOwnerOf(String store, String key) {
                throw new QueriesUnavailableException("Kafka Streams is REBALANCING");
            }

            @Override
            public List<Instance> instancesOf(String store) {
                throw new QueriesUnavailableException("Kafka Streams is REBALANCING");
            }
        };

        for (String path : new String[] {"/v1/status/" + UUID.randomUUID(), "/v1/summary", "/v1/orphans"}) {
            mvc(rebalancing, fakePeer(null))
                    .perform(get(path))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string(HttpHeaders.RETRY_AFTER, TrackingQueryController.RETRY_AFTER_SECONDS))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("REBALANCING")));
        }
    }

    @Test
    void openOrphansAreGatheredFromEveryInstance() throws Exception {
        BlockSoftDeleted lostHere = local.softDelete(Duration.ofMinutes(5));
        BlockSoftDeleted lostThere = remote.softDelete(Duration.ofMinutes(5));
        local.advance(Duration.ofMinutes(16));
        remote.advance(Duration.ofMinutes(16));
        QueryRouting twoInstances = new QueryRouting() {
            @Override
            public Optional<HostInfo> remoteOwnerOf(String store, String key) {
                return Optional.empty();
            }

            @Override
            public List<Instance> instancesOf(String store) {
                return List.of(new Instance(new HostInfo("me", 1), true), new Instance(PEER, false));
            }
        };

        mvc(twoInstances, fakePeer(null))
                .perform(get("/v1/orphans").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[*].blockId")
                        .value(org.hamcrest.Matchers.containsInAnyOrder(
                                lostHere.blockId().toString(),
                                lostThere.blockId().toString())));
        assertThat(forwarded).containsExactly(PEER + " orphans 1000");
    }

    private static QueryRouting remoteKeys() {
        return new QueryRouting() {
            @Override
            public Optional<HostInfo> remoteOwnerOf(String store, String key) {
                return Optional.of(PEER);
            }

            @Override
            public List<Instance> instancesOf(String store) {
                return List.of(new Instance(PEER, false));
            }
        };
    }

    private PeerClient fakePeer(PeerClient.PeerAnswer answer) {
        return new PeerClient() {
            @Override
            public PeerAnswer get(HostInfo peer, String pathAndQuery) {
                forwarded.add(peer + " " + pathAndQuery);
                return answer;
            }

            @Override
            public List<OrphanDetected> openOrphans(HostInfo peer, int limit) {
                forwarded.add(peer + " orphans " + limit);
                return remote.queries().openOrphans(limit);
            }
        };
    }

    private MockMvc mvc(QueryRouting routing, PeerClient peer) {
        Clock clock = Clock.fixed(local.now(), java.time.ZoneOffset.UTC);
        return MockMvcBuilders.standaloneSetup(new TrackingQueryController(local.queries(), routing, peer, clock))
                .build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
