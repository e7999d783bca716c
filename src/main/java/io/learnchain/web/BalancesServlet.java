package io.learnchain.web;

import io.learnchain.ledger.Signatures;
import io.learnchain.node.Rules;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code GET /balances/<address>} in the signed ledger mode: {@code {"address", "balance",
 * "available", "next_nonce"}}: the balance from the chain, what is left after the address's
 * pending spends, and the nonce its next transaction must carry.
 */
public final class BalancesServlet extends ApiServlet {
    public BalancesServlet() {
        super("GET");
    }

    @Override
    Reply handle(HttpServletRequest request) {
        String path = request.getPathInfo();
        String address = path == null ? "" : path.substring(1);
        if (!Signatures.isAddress(address)) {
            throw new ApiException(400, "an address is 64 lowercase hex characters (an Ed25519 public key), not '" + address + "'");
        }
        Rules.Balance balance = blockchain().balance(address);
        if (balance == null) {
            throw new ApiException(404, "This node keeps no balances: start it with blockchain.ledger=signed");
        }
        return Reply.ok(balance);
    }
}
