package dev.deletionpipeline.reconciler.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.deletionpipeline.reconciler.status.QueryFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.state.HostInfo;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * A forwarded query goes out over real HTTP to a real endpoint that records what it received: the peer gets this
 * service's peer credential and never the caller's Authorization header, and an instance off the allow-list is not
 * called at all (503 problem naming it).
 */
class PeerForwardingTest {

    private static final String SECRET = "peer-secret-of-the-forwarding-test-0123456789";
    private static final String CALLER = "Bearer the.callers.admin-token";

    private final QueryFixture local = new QueryFixture();
    private final Peer allowed = new Peer();
    private final Peer notAllowed = new Peer();
    private final PeerSettings settings = new PeerSettings(List.of("localhost:" + allowed.port()), SECRET);

    @AfterEach
    void close() {
        local.close();
        allowed.close();
        notAllowed.close();
    }

    @Test
    void theAllowedPeerGetsThePeerCredentialAndNeverTheCallersToken() throws Exception {
        UUID block = UUID.randomUUID();

        mvc(routedTo(allowed))
                .perform(get("/v1/status/{blockId}", block).header(HttpHeaders.AUTHORIZATION, CALLER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("CONFIRMED"));

        assertThat(allowed.received).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/v1/status/" + block);
            assertThat(request.headers().containsKey(HttpHeaders.AUTHORIZATION)).isFalse();
            assertThat(request.headers().getFirst(PeerAuthentication.SECRET_HEADER))
                    .isEqualTo(SECRET);
            assertThat(request.headers().getFirst(TrackingQueryController.SCOPE_HEADER))
                    .isEqualTo(TrackingQueryController.LOCAL_SCOPE);
        });
    }

    @Test
    void aPeerOffTheAllowListIsNotCalledAndTheAnswerNamesIt() throws Exception {
        HostInfo stranger = new HostInfo("localhost", notAllowed.port());

        mvc(routedTo(notAllowed))
                .perform(get("/v1/status/{blockId}", UUID.randomUUID()).header(HttpHeaders.AUTHORIZATION, CALLER))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().doesNotExist(HttpHeaders.RETRY_AFTER))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString(stranger.toString())));

        assertThat(notAllowed.received).isEmpty();
    }

    @Test
    void withoutAnAllowListNothingIsForwarded() throws Exception {
        MockMvc noPeers = MockMvcBuilders.standaloneSetup(new TrackingQueryController(
                        local.queries(),
                        routedTo(allowed),
                        new HttpPeerClient(new PeerSettings(List.of(), null)),
                        Clock.systemUTC()))
                .build();

        noPeers.perform(get("/v1/summary").header(HttpHeaders.AUTHORIZATION, CALLER))
                .andExpect(status().isServiceUnavailable());

        assertThat(allowed.received).isEmpty();
    }

    private MockMvc mvc(QueryRouting routing) {
        return MockMvcBuilders.standaloneSetup(new TrackingQueryController(
                        local.queries(), routing, new HttpPeerClient(settings), Clock.systemUTC()))
                .build();
    }

    private static QueryRouting routedTo(Peer peer) {
        HostInfo host = new HostInfo("localhost", peer.port());
        return new QueryRouting() {
            @Override
            public Optional<HostInfo> remoteOwnerOf(String store, String key) {
                return Optional.of(host);
            }

            @Override
            public List<Instance> instancesOf(String store) {
                return List.of(new Instance(host, false));
            }
        };
    }

    /** A real HTTP endpoint standing in for another instance: records every request and answers a status. */
    private static final class Peer implements AutoCloseable {

        record Received(String path, Headers headers) {}

        final List<Received> received = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        Peer() {
            try {
                server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", exchange -> {
                received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders()));
                byte[] body = "{\"state\":\"CONFIRMED\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
