package io.learnchain.web;

import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import io.learnchain.net.Network;
import io.learnchain.net.Receipt;
import io.learnchain.peer.PeerAddress;

/** What the peer-facing endpoints share in reading peers' messages. */
final class PeerMessages {
    private PeerMessages() {
    }

    /** Reads a push: a message whose parts are checked, ready to be handed to the network. */
    interface Reader {
        /** @throws ApiException (400) when the message is not a well-formed push */
        Delivery read();
    }

    /** Hands a checked push to the network. */
    interface Delivery {
        Receipt deliver();
    }

    /**
     * Receives a push: refused unread while pushes that broke the rules have used up their
     * allowance; a message that is not a well-formed push uses it up too (and is answered 400).
     */
    static Reply receive(Network network, Reader reader) {
        String paused = network.refusal(null);
        if (paused != null) {
            throw new ApiException(503, paused); // with Retry-After: the sender offers it again later
        }
        if (!network.takingPushes()) {
            return reply(Receipt.TOO_FAST);
        }
        Delivery delivery;
        try {
            delivery = reader.read();
        } catch (ApiException e) {
            if (e.status() == 400) {
                network.malformedPush();
            }
            throw e;
        }
        return reply(delivery.deliver());
    }

    /** The answer to a push: its receipt's status and word. */
    static Reply reply(Receipt receipt) {
        return new Reply(receipt.status(), Reply.message(receipt.word()));
    }

    /**
     * The sender's address as its message gives it, or null; refused (503) when it names a peer
     * this node ignores for now (a partition): a claim, so the refusal costs that peer nothing.
     */
    static String takenFrom(Network network, JsonObject body) {
        String from = sender(body);
        String refusal = network.refusal(from);
        if (refusal != null) {
            throw new ApiException(503, refusal);
        }
        return from;
    }

    /** The sender's address as its message gives it ({@code "from"}), or null when absent or not an address. */
    static String sender(JsonObject body) {
        if (body.get("from") instanceof JsonString from) {
            try {
                return PeerAddress.baseUrl(from.value());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
