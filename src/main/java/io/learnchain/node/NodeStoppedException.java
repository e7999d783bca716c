package io.learnchain.node;

/** The node is stopping (its web application is being undeployed): it takes no more work. */
public final class NodeStoppedException extends RuntimeException {
    public NodeStoppedException() {
        super("The node is stopping; retry when it is back", null, false, false);
    }
}
