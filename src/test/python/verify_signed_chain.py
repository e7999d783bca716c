#!/usr/bin/env python3
"""Checks a signed-ledger chain the way a Python node of such a network would: reads a node's
GET /chain answer on stdin, checks every block's link (previous_hash is the SHA-256 of
json.dumps(parent, sort_keys=True)), every transfer's Ed25519 signature (Debian's
python3-cryptography) over json.dumps({"amount", "nonce", "recipient", "sender"}, sort_keys=True),
nonces 1, 2, 3... per sender, no balance below zero, one reward of 1 last in a block.
Prints "ok <blocks> blocks, <transfers> transfers" or the first problem, and exits 1 on one."""
import hashlib
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def fail(problem):
    print(problem)
    sys.exit(1)


chain = json.load(sys.stdin)["chain"]
balances, sent, transfers = {}, {}, 0
for i, block in enumerate(chain):
    if i > 0 and block["previous_hash"] != hashlib.sha256(json.dumps(chain[i - 1], sort_keys=True).encode()).hexdigest():
        fail(f"block {block['index']}: previous_hash is not its parent's hash")
    for j, tx in enumerate(block["transactions"]):
        if tx["sender"] == "0":
            if j != len(block["transactions"]) - 1 or tx["amount"] != 1 or type(tx["amount"]) is not int:
                fail(f"block {block['index']}: a reward must be last and exactly 1")
            balances[tx["recipient"]] = balances.get(tx["recipient"], 0) + 1
            continue
        message = json.dumps({k: tx[k] for k in ("amount", "nonce", "recipient", "sender")}, sort_keys=True).encode()
        try:
            Ed25519PublicKey.from_public_bytes(bytes.fromhex(tx["sender"])).verify(bytes.fromhex(tx["signature"]), message)
        except (InvalidSignature, ValueError):
            fail(f"block {block['index']}, transaction {j + 1}: the signature does not verify")
        if tx["nonce"] != sent.get(tx["sender"], 0) + 1:
            fail(f"block {block['index']}, transaction {j + 1}: nonce {tx['nonce']} out of order")
        if balances.get(tx["sender"], 0) < tx["amount"]:
            fail(f"block {block['index']}, transaction {j + 1}: overspends")
        sent[tx["sender"]] = tx["nonce"]
        balances[tx["sender"]] -= tx["amount"]
        balances[tx["recipient"]] = balances.get(tx["recipient"], 0) + tx["amount"]
        transfers += 1
print(f"ok {len(chain)} blocks, {transfers} transfers")
