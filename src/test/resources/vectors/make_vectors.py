#!/usr/bin/env python3
"""Makes the project's test vectors with the tutorial node's own algorithms (standard library only).

    python3 src/test/resources/vectors/make_vectors.py src/test/resources/vectors/project

Writes hash-vectors.json (input JSON text, Python's canonical dump, its SHA-256),
pow-vectors.json (smallest proofs), float-vectors.json (doubles as raw bits with Python's
repr) and chains/*.json (one valid chain, and tampered copies
that a correct node must refuse). Deterministic: the same files every run.
"""
import copy
import hashlib
import json
import os
import sys


def canonical(value):
    return json.dumps(value, sort_keys=True)


def block_hash(block):
    return hashlib.sha256(canonical(block).encode()).hexdigest()


def valid_proof(last_proof, proof, last_hash):
    return hashlib.sha256(f'{last_proof}{proof}{last_hash}'.encode()).hexdigest()[:4] == "0000"


def proof_of_work(last_proof, last_hash):
    proof = 0
    while not valid_proof(last_proof, proof, last_hash):
        proof += 1
    return proof


# Input texts chosen for what a port can get wrong: number literals that Python re-types or
# re-prints, strings that need escaping, keys whose code point order differs from UTF-16 order.
HASH_INPUTS = [
    ("integer literal kept", '{"amount": 5}'),
    ("float literal 5.0", '{"amount": 5.0}'),
    ("float literal 5.00 prints as 5.0", '{"amount": 5.00}'),
    ("exponent literal 1e2 is a float", '{"amount": 1e2}'),
    ("exponent literal 1E-7", '{"amount": 1E-7}'),
    ("exponent literal 1e400 overflows to Infinity", '{"amount": 1e400}'),
    ("exponent literal -1e400 overflows to -Infinity", '{"amount": -1e400}'),
    ("integer -0 prints as 0", '{"amount": -0}'),
    ("float -0.0 keeps its sign", '{"amount": -0.0}'),
    ("underflow 1e-400 is 0.0", '{"amount": 1e-400}'),
    ("long float literal is rounded", '{"amount": 0.1000000000000000055511151231257827021181583404541015625}'),
    ("float 2**-1074", '{"amount": 4.9406564584124654e-324}'),
    ("float just below a power of two", '{"amount": 9007199254740991.0}'),
    ("float 2**63", '{"amount": 9223372036854775808.0}'),
    ("float 1e23 (not shortest before Java 19)", '{"amount": 1e23}'),
    ("float 2e-3", '{"amount": 0.002}'),
    ("float 1e15 stays positional", '{"amount": 1000000000000000.0}'),
    ("float 1e16 becomes exponent", '{"amount": 10000000000000000.0}'),
    ("float 0.0001 stays positional", '{"amount": 0.0001}'),
    ("float 0.00001 becomes exponent", '{"amount": 0.00001}'),
    ("negative float", '{"amount": -123.456}'),
    ("huge integer", '{"amount": 123456789012345678901234567890123456789012345678901234567890}'),
    ("negative huge integer", '{"amount": -98765432109876543210987654321}'),
    ("timestamp with 7 decimals", '{"timestamp": 1764000000.1234567}'),
    ("nested objects sorted at every depth", '{"b": {"z": 1, "a": [{"y": 2, "x": 3}]}, "a": null}'),
    ("astral key sorts after U+FFFF key by code point", '{"\\ud83d\\ude80": 1, "\\uffff": 2, "\\ue000": 3, "a": 4}'),
    ("raw UTF-8 key order", '{"\u00e9": 1, "e": 2, "\u4e2d": 3, "\U0001f600": 4, "\uff21": 5}'),
    ("escaped and raw strings", '{"s": "tab\\t nl\\n cr\\r bs\\b ff\\f q\\" bsl\\\\ sl\\/ del\u007f nul\\u0000 x1f\\u001f"}'),
    ("non-ASCII raw UTF-8", '{"s": "Zo\u00eb \u652f\u4ed8\u5b9d \U0001f680 \u2028"}'),
    ("lone surrogate escape", '{"s": "\\ud800 and \\udfff"}'),
    ("duplicate keys: last value wins", '{"a": 1, "b": 2, "a": 3}'),
    ("booleans and null", '{"t": true, "f": false, "n": null}'),
    ("empty containers", '{"o": {}, "l": []}'),
    ("whitespace around tokens", ' { "a" : [ 1 , 2 ] } '),
    ("python node block", '{"index": 2, "timestamp": 1764000010.342397, "transactions": [{"sender": "0", "recipient": "7293f3844726792cbaac842d718b5096", "amount": 1}], "proof": 28234, "previous_hash": "7328c8bb5e375c16c9e6dd7b53d258dbdfa0abf04fa6e94c1e0d4443b660e0d0"}'),
]


def hash_vectors():
    vectors = []
    for name, text in HASH_INPUTS:
        value = json.loads(text)
        dumped = canonical(value)
        vectors.append({
            "name": name,
            "json": text,
            "canonical": dumped,
            "sha256": hashlib.sha256(dumped.encode()).hexdigest(),
        })
    return vectors


def pow_vectors():
    cases = [(100, "1"), (0, "0" * 64), (35293, "a" * 64), (12345678901234567890, "f" * 64)]
    seed = b"pow-vectors"
    for i in range(8):
        seed = hashlib.sha256(seed).digest()
        cases.append((int.from_bytes(seed[:4], "big") % 1000000, hashlib.sha256(seed).hexdigest()))
    vectors = []
    for last_proof, last_hash in cases:
        proof = proof_of_work(last_proof, last_hash)
        vectors.append({
            "last_proof": last_proof,
            "last_hash": last_hash,
            "proof": proof,
            "guess_hash": hashlib.sha256(f'{last_proof}{proof}{last_hash}'.encode()).hexdigest(),
        })
    return vectors


def float_vectors():
    """Doubles from raw bits (every exponent range, powers of two) with Python's repr."""
    import random
    import struct
    rng = random.Random(20261124)
    bits = [rng.getrandbits(64) for _ in range(3000)]
    bits += [e << 52 for e in range(1, 2047)]                 # powers of two
    bits += [(e << 52) - 1 for e in range(2, 2047)]           # just below them
    bits += [rng.getrandbits(52) for _ in range(200)]         # subnormals
    out = []
    for b in bits:
        value = struct.unpack(">d", struct.pack(">Q", b))[0]
        if value != value or value in (float("inf"), float("-inf")):
            continue
        out.append([format(b, "016x"), repr(value)])
    return out


NODE = "5c1f9a2b3d4e4f60718293a4b5c6d7e8"
PAYMENTS = [
    [],
    [{"sender": "alice", "recipient": "bob", "amount": 5}],
    [{"sender": "bob", "recipient": "carol", "amount": 2.5},
     {"sender": "carol", "recipient": "Zo\u00eb", "amount": 0.1}],
    [{"sender": "\U0001f680 rocket", "recipient": "\u652f\u4ed8\u5b9d", "amount": 1e-05},
     {"sender": "big", "recipient": "int", "amount": 10 ** 40}],
    [{"sender": "alice", "recipient": "bob", "amount": 5},
     {"sender": "alice", "recipient": "bob", "amount": 5}],
    [{"sender": "extra", "recipient": "fields", "amount": 3, "memo": "kept as received"}],
    [],  # a child for the block above: tampering with the tip itself is undetectable by design
]


def make_chain():
    chain = [{"index": 1, "timestamp": 1764100000.25, "transactions": [], "proof": 100, "previous_hash": "1"}]
    for i, payments in enumerate(PAYMENTS[1:], start=2):
        last = chain[-1]
        last_hash = block_hash(last)
        proof = proof_of_work(last["proof"], last_hash)
        transactions = copy.deepcopy(payments) + [{"sender": "0", "recipient": NODE, "amount": 1}]
        chain.append({"index": i, "timestamp": 1764100000.25 + i * 7.125 + i / 1000000,
                      "transactions": transactions, "proof": proof, "previous_hash": last_hash})
    return chain


def tampered(chain):
    """Copies of a valid chain, each broken in one way a correct node must notice."""
    out = {}
    c = copy.deepcopy(chain); c[3]["transactions"][0]["amount"] = 6
    out["tampered-amount"] = c
    c = copy.deepcopy(chain); c[4]["transactions"][1]["amount"] = 10 ** 40 + 1
    out["tampered-big-integer"] = c
    c = copy.deepcopy(chain); c[2]["proof"] += 1
    out["wrong-proof"] = c
    c = copy.deepcopy(chain); c[3]["previous_hash"] = "0" * 64
    out["wrong-previous-hash"] = c
    c = copy.deepcopy(chain); del c[2]
    out["dropped-block"] = c
    c = copy.deepcopy(chain); c[2], c[3] = c[3], c[2]
    out["reordered-blocks"] = c
    c = copy.deepcopy(chain); c[0]["proof"] = 101
    out["genesis-proof"] = c
    c = copy.deepcopy(chain); c[0]["transactions"] = [{"sender": "0", "recipient": NODE, "amount": 1}]
    out["genesis-transactions"] = c
    c = copy.deepcopy(chain); c[2]["index"] = 7
    out["wrong-index"] = c
    c = copy.deepcopy(chain); c[3]["proof"] = float(c[3]["proof"])
    out["float-proof"] = c
    c = copy.deepcopy(chain); c[5]["transactions"][0]["memo"] = "changed"
    out["tampered-extra-field"] = c
    c = copy.deepcopy(chain); del c[2]["transactions"][0]["recipient"]
    out["transaction-without-recipient"] = c
    out["empty"] = []
    # The original node's bug: it checks proofs against the previous block's previous_hash.
    # A chain mined that way passes the original's check and must fail ours.
    bug = [copy.deepcopy(chain[0])]
    for i in range(2, 4):
        last = bug[-1]
        proof = proof_of_work(last["proof"], last["previous_hash"])
        bug.append({"index": i, "timestamp": 1764200000.5 + i, "transactions": [], "proof": proof,
                    "previous_hash": block_hash(last)})
    out["proof-against-previous-hash-as-original"] = bug
    return out


def write(path, value):
    with open(path, "w", encoding="ascii") as f:
        json.dump(value, f, indent=1)
        f.write("\n")


def main(out_dir):
    os.makedirs(os.path.join(out_dir, "chains"), exist_ok=True)
    write(os.path.join(out_dir, "hash-vectors.json"), hash_vectors())
    write(os.path.join(out_dir, "pow-vectors.json"), pow_vectors())
    write(os.path.join(out_dir, "float-vectors.json"), float_vectors())
    chain = make_chain()
    write(os.path.join(out_dir, "chains", "valid.json"), {"chain": chain, "length": len(chain)})
    for name, broken in tampered(chain).items():
        write(os.path.join(out_dir, "chains", "invalid-" + name + ".json"), {"chain": broken, "length": len(broken)})


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "project"))
