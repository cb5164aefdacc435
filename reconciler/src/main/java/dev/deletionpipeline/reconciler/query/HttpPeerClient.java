package dev.deletionpipeline.reconciler.query;

import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.json.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;

/**
 * {@link PeerClient} over HTTP to the peer's {@code application.server} host:port, if that address is on the allow-list
 * ({@link PeerSettings}). The forwarded request carries {@link TrackingQueryController#SCOPE_HEADER} = local, so the
 * peer answers from its own stores and never forwards again, and the peer credential
 * ({@link PeerAuthentication#SECRET_HEADER}); never an Authorization header.
 */
final class HttpPeerClient implements PeerClient {

    private static final Logger log = LoggerFactory.getLogger(HttpPeerClient.class);
    /** Peers are in the same cluster: a peer that does not answer within this is treated as gone (503, retry). */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final PeerSettings settings;

    HttpPeerClient(PeerSettings settings) {
        this.settings = settings;
    }

    @Override
    public PeerAnswer get(HostInfo peer, String pathAndQuery) {
        if (!settings.allows(peer)) {
            throw new PeerNotAllowedException(peer);
        }
        URI uri = URI.create("http://" + peer.host() + ":" + peer.port() + pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header(TrackingQueryController.SCOPE_HEADER, TrackingQueryController.LOCAL_SCOPE)
                .header(PeerAuthentication.SECRET_HEADER, settings.secret())
                .GET()
                .build();
        log.debug("Forwarding GET {} to {}", pathAndQuery, peer);
        HttpResponse<byte[]> response = send(peer, request);
        if (response.statusCode() == 503) {
            throw new QueriesUnavailableException("Instance " + peer + " cannot answer now");
        }
        String contentType =
                response.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse(null);
        return new PeerAnswer(response.statusCode(), contentType, response.body());
    }

    @Override
    public List<OrphanDetected> openOrphans(HostInfo peer, int limit) {
        PeerAnswer answer = get(peer, "/v1/orphans?limit=" + limit);
        if (answer.status() != 200) {
            throw new QueriesUnavailableException("Instance " + peer + " answered " + answer.status());
        }
        return List.of(EventJson.mapper().readValue(answer.body(), OrphanDetected[].class));
    }

    private HttpResponse<byte[]> send(HostInfo peer, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new QueriesUnavailableException("Instance " + peer + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueriesUnavailableException("Interrupted while asking " + peer, e);
        }
    }
}
