#!/usr/bin/env python3
"""A lying peer, for the lesson on why nodes check what they are given.

It follows a real node's chain and serves it on the tutorial's API (GET /chain) with one block
tampered (which block and field, given on the command line) and one more valid block on top, so
that its chain stays longer than the class's: every honest node that asks it keeps refusing it,
with the block and the rule on its page. Python standard library only.

    python3 src/main/scripts/lying-peer.py --follow http://127.0.0.1:5000 --block 3 \\
        --field amount --value 1000 --port 5099
    # then register http://127.0.0.1:5099 on the class's nodes (classroom.sh prints the token):
    # curl -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
    #      -d '{"nodes": ["http://127.0.0.1:5099"]}' http://127.0.0.1:5000/nodes/register

--field is a block's field (proof, timestamp, previous_hash) or a transaction's (sender,
recipient, amount: of the block's first transaction, or --transaction N). --value is JSON
(1000, "mallory") or, when it is not JSON, a string.
"""
import argparse
import copy
import hashlib
import json
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BLOCK_FIELDS = ('index', 'timestamp', 'proof', 'previous_hash')
TRANSACTION_FIELDS = ('sender', 'recipient', 'amount')


def block_hash(block):
    return hashlib.sha256(json.dumps(block, sort_keys=True).encode()).hexdigest()


def mine_after(last_block, difficulty):
    """The tutorial's proof of work after last_block: sha256(f'{last_proof}{proof}{last_hash}')."""
    last_proof, last_hash, target = last_block['proof'], block_hash(last_block), '0' * difficulty
    proof = 0
    while not hashlib.sha256(f'{last_proof}{proof}{last_hash}'.encode()).hexdigest().startswith(target):
        proof += 1
    return proof


class Liar:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.real_tip = None
        self.served = None  # the lying chain, as bytes
        self.told = None

    def value(self):
        try:
            return json.loads(self.args.value)
        except ValueError:
            return self.args.value

    def tamper(self, chain):
        position = self.args.block - 1
        if not 0 <= position < len(chain):
            return None  # the chain is not that long yet
        block = chain[position]
        if self.args.field in BLOCK_FIELDS:
            block[self.args.field] = self.value()
        else:
            transactions = block.get('transactions', [])
            if self.args.transaction >= len(transactions):
                return None
            transactions[self.args.transaction][self.args.field] = self.value()
        return chain

    def refresh(self):
        """Follows the real chain; a new tip makes a new lie (and one more valid block on top)."""
        with urllib.request.urlopen(self.args.follow.rstrip('/') + '/chain', timeout=10) as answer:
            real = json.loads(answer.read())['chain']
        tip = block_hash(real[-1])
        with self.lock:
            if tip == self.real_tip:
                return
        lying = self.tamper(copy.deepcopy(real))
        if lying is None:
            self.say(f'waiting: the chain has {len(real)} blocks, block {self.args.block} is not there yet')
            return
        last = real[-1]  # the block on top is valid after the real tip, so that the lie is one longer
        lying.append({'index': last['index'] + 1, 'timestamp': time.time(),
                      'transactions': [{'sender': '0', 'recipient': 'lying-peer', 'amount': 1}],
                      'proof': mine_after(last, self.args.difficulty), 'previous_hash': block_hash(last)})
        body = json.dumps({'chain': lying, 'length': len(lying)}).encode()
        with self.lock:
            self.real_tip, self.served = tip, body
        self.say(f'serving {len(lying)} blocks: block {self.args.block}\'s {self.args.field} set to '
                 f'{json.dumps(self.value())}, one valid block on top')

    def say(self, text):
        if text != self.told:
            print(f'lying-peer: {text}', flush=True)
            self.told = text

    def follow(self):
        while True:
            try:
                self.refresh()
            except Exception as e:  # the real node may be restarting: keep serving the last lie
                self.say(f'cannot read {self.args.follow}/chain: {e}')
            time.sleep(self.args.every)


def handler(liar):
    class Handler(BaseHTTPRequestHandler):
        def reply(self, status, body):
            self.send_response(status)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path.split('?')[0] == '/chain':
                with liar.lock:
                    served = liar.served
                if served is None:
                    return self.reply(503, b'{"message": "no lie yet: the chain it follows is too short"}')
                return self.reply(200, served)
            self.reply(404, b'{"message": "Not found"}')

        def do_HEAD(self):
            self.do_GET()

        def do_POST(self):
            length = int(self.headers.get('Content-Length') or 0)
            self.rfile.read(length)
            if self.path == '/nodes/register':  # an introduction: taken, ignored
                return self.reply(201, b'{"message": "New nodes have been added", "total_nodes": []}')
            self.reply(404, b'{"message": "Not found"}')

        def log_message(self, *args):
            pass

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--follow', required=True, help='the real node whose chain is served with a lie')
    parser.add_argument('--block', type=int, default=2, help='the index of the block to tamper with (default 2)')
    parser.add_argument('--field', default='amount', choices=BLOCK_FIELDS + TRANSACTION_FIELDS)
    parser.add_argument('--transaction', type=int, default=0, help='which transaction of the block (default the first)')
    parser.add_argument('--value', default='1000', help='the new value, as JSON (default 1000)')
    parser.add_argument('--difficulty', type=int, default=4, help="the network's leading zeros (default 4)")
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--every', type=float, default=1.0, help='seconds between looks at the real chain')
    args = parser.parse_args()
    if args.block < 1:
        parser.error('--block is a block index, 1 or more')
    liar = Liar(args)
    threading.Thread(target=liar.follow, daemon=True).start()
    server = ThreadingHTTPServer((args.host, args.port), handler(liar))
    print(f'LISTENING {server.server_address[1]}', flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
