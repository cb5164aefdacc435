package dev.deletionpipeline.reconciler.query;

import dev.deletionpipeline.common.events.OrphanDetected;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another reconciler instance for what its stores hold, with this service's own peer credential: the caller's
 * token never leaves this instance.
 */
interface PeerClient {

    /**
     * GET {@code pathAndQuery} from {@code peer}, answered from the peer's own stores only.
     *
     * @throws PeerNotAllowedException when {@code peer} is not on the allow-list (it is not called)
     * @throws QueriesUnavailableException when the peer does not answer or answers 503
     */
    PeerAnswer get(HostInfo peer, String pathAndQuery);

    /** The open orphans held by {@code peer}'s stores, at most {@code limit}. */
    List<OrphanDetected> openOrphans(HostInfo peer, int limit);

    /** What the peer answered, passed on as it came. */
    record PeerAnswer(int status, String contentType, byte[] body) {}
}
