package dev.deletionpipeline.reconciler.query;

import dev.deletionpipeline.security.UnsafeSettingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code deletion.reconciler.peers.*}: which other instances this one may ask for keys it does not hold, and the
 * credential of those calls. A peer address comes from the consumer group's metadata, which any member can write, so
 * it is called only when it is on the allow-list; the caller's token is never sent there, only {@link #secret}, which
 * a peer accepts on the forwarded queries alone. Empty allow-list: no forwarding.
 *
 * @param allowed peer addresses that may be called: {@code host} (any port) or {@code host:port}
 * @param secret the shared credential of peer calls, at least 32 bytes; never logged
 */
@Validated
@ConfigurationProperties("deletion.reconciler.peers")
public record PeerSettings(List<String> allowed, String secret) {

    static final int MIN_SECRET_BYTES = 32;

    public PeerSettings {
        allowed = allowed == null
                ? List.of()
                : allowed.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
        if (!allowed.isEmpty()
                && (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES)) {
            throw new UnsafeSettingException(
                    "deletion.reconciler.peers.secret (RECONCILER_PEER_SECRET) must be at least " + MIN_SECRET_BYTES
                            + " bytes when deletion.reconciler.peers.allowed (RECONCILER_PEERS) is set");
        }
    }

    boolean forwardingEnabled() {
        return !allowed.isEmpty();
    }

    boolean allows(HostInfo peer) {
        String host = peer.host().toLowerCase(Locale.ROOT);
        String hostAndPort = host + ":" + peer.port();
        return allowed.stream()
                .map(entry -> entry.toLowerCase(Locale.ROOT))
                .anyMatch(entry -> entry.equals(host) || entry.equals(hostAndPort));
    }

    @Override
    public String toString() {
        return "PeerSettings[allowed=" + allowed + ", secret=<hidden>]";
    }
}
