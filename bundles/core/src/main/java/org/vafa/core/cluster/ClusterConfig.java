package org.vafa.core.cluster;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.cluster}; the defaults below are the only ones. */
@ObjectClassDefinition(name = "Vafa cluster", description = "This node among several on one database")
public @interface ClusterConfig {

    @AttributeDefinition(description = "This node's name among the nodes (the environment variable VAFA_NODE_ID wins); empty:"
            + " the host name and the process id")
    String nodeId() default "";

    @AttributeDefinition(description = "Seconds a singleton's lease lasts without renewal: how long the cluster waits before"
            + " another node takes over the work of a node that died (renewed every third of it)")
    int leaseSeconds() default 15;

    @AttributeDefinition(description = "How often (ms) the folders every node must have alike (routes/, templates/) are mirrored to"
            + " and from the database (0: this node keeps its own)")
    long sharedFilesSyncMs() default 2000;
}
