package io.learnchain.web;

import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonString;
import io.learnchain.net.Receipt;
import io.learnchain.peer.PeerAddress;

/** What the peer-facing endpoints share in reading peers' messages. */
final class PeerMessages {
    private PeerMessages() {
    }

    /** The answer to a push: its receipt's status and word. */
    static Reply reply(Receipt receipt) {
        return new Reply(receipt.status(), Reply.message(receipt.word()));
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
