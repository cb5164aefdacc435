package dev.deletionpipeline.reconciler.query;

import org.apache.kafka.streams.state.HostInfo;

/** The instance that holds a key is not on the peer allow-list, so it is not called (503, naming the instance). */
class PeerNotAllowedException extends QueriesUnavailableException {

    PeerNotAllowedException(HostInfo peer) {
        super("Instance " + peer + " holds this data, but it is not in deletion.reconciler.peers.allowed"
                + " (RECONCILER_PEERS), so this instance does not ask it; ask " + peer + " directly");
    }
}
