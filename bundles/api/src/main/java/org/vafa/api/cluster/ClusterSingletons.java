package org.vafa.api.cluster;

import java.util.List;

/**
 * Work that must run on one node of a cluster at a time (a relay, a poll of a remote system, a sweep): the node that
 * holds the singleton's lease does it; when that node dies, another takes the lease over within
 * {@code org.vafa.cluster leaseSeconds}. On a single node it always leads. Leases live in the shared database, so they
 * hold whatever the transport. Timer routes are singletons by themselves (named {@code route:<route id>}); a plugin's
 * own background thread asks {@link #leads} before each round of its work.
 */
public interface ClusterSingletons {

    /** This node's name in the cluster ({@code VAFA_NODE_ID}, else {@code org.vafa.cluster nodeId}, else host and pid). */
    String nodeId();

    /** Whether this node leads the singleton now: takes the lease if it is free or lapsed, renews it if held here. */
    boolean leads(String singleton);

    /** Gives the singleton's lease up if this node holds it (its work stops here): another node takes it at once. */
    void release(String singleton);

    /** Every singleton with the node that holds it, for health and the shell. */
    List<Holder> holders();

    /** A node alone (tests, tools outside the server): it leads every singleton. */
    static ClusterSingletons alone() {
        return new ClusterSingletons() {
            @Override
            public String nodeId() {
                return "alone";
            }

            @Override
            public boolean leads(String singleton) {
                return true;
            }

            @Override
            public void release(String singleton) {
            }

            @Override
            public List<Holder> holders() {
                return List.of();
            }
        };
    }

    /** @param lapsed whether the lease ran out without renewal (its node is gone or stuck; the next to ask takes it) */
    record Holder(String singleton, String node, java.time.Instant until, boolean lapsed) {
    }
}
