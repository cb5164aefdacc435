package dev.deletionpipeline.reconciler.query;

import dev.deletionpipeline.common.events.OrphanDetected;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/** Asks another reconciler instance for what its stores hold, on behalf of the caller. */
interface PeerClient {

    /**
     * GET {@code pathAndQuery} from {@code peer}, answered from the peer's own stores only, with the caller's
     * {@code Authorization} header (the peer checks it again).
     *
     * @throws QueriesUnavailableException when the peer does not answer or answers 503
     */
    PeerAnswer get(HostInfo peer, String pathAndQuery, String authorization);

    /** The open orphans held by {@code peer}'s stores, at most {@code limit}. */
    List<OrphanDetected> openOrphans(HostInfo peer, int limit, String authorization);

    /** What the peer answered, passed on as it came. */
    record PeerAnswer(int status, String contentType, byte[] body) {}
}
