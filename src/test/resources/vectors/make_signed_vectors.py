#!/usr/bin/env python3
"""Makes signed-vectors.json: Ed25519-signed transactions as a wallet outside the node would sign
them (Python's `cryptography`, Debian's python3-cryptography), for the node's ledger mode.

The signed message is the UTF-8 of json.dumps({"amount", "nonce", "recipient", "sender"},
sort_keys=True); an address is the raw 32-byte public key in lowercase hex. Keys come from fixed
seeds, and Ed25519 signatures are deterministic, so the output is the same on every run.

    python3 src/test/resources/vectors/make_signed_vectors.py > src/test/resources/vectors/project/signed-vectors.json
"""
import hashlib
import json

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def key(name):
    private = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(name.encode()).digest())
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    return private, public


def signed(private, sender, recipient, amount, nonce):
    message = json.dumps({"amount": amount, "nonce": nonce, "recipient": recipient, "sender": sender}, sort_keys=True)
    return {"sender": sender, "recipient": recipient, "amount": amount, "nonce": nonce,
            "message": message, "signature": private.sign(message.encode()).hex()}


alice, alice_address = key("alice")
bob, bob_address = key("bob")
vectors = {
    "keys": {"alice": alice_address, "bob": bob_address},
    "valid": [
        signed(alice, alice_address, bob_address, 1, 1),
        signed(alice, alice_address, bob_address, 5, 2),
        signed(bob, bob_address, alice_address, 12345678901234567890, 7),
    ],
}
forged = signed(alice, alice_address, bob_address, 1, 3)
forged["amount"] = 2  # the signature was made over amount 1
by_another = signed(bob, alice_address, bob_address, 1, 3)  # bob signs as alice
vectors["invalid"] = [forged, by_another]
print(json.dumps(vectors, indent=1))
