#!/usr/bin/env python3
"""A Python node for the interoperability tests: the tutorial's algorithm, standard library only.

Hashes, proves, validates and resolves exactly as the tutorial's Flask node does, with
valid_chain corrected to check proofs against hash(last_block) as the upstream project fixed it.
It answers like the Flask node (sorted keys, compact JSON) on the same five endpoints.

    python3 tutorial_peer.py [--port N] [--host H]   # prints "LISTENING <port>" once ready

classroom.sh --python runs one in a class, beside the Java nodes.
"""
import argparse
import hashlib
import json
import sys
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from time import time
from urllib.parse import urlparse
from uuid import uuid4


class Blockchain:
    def __init__(self):
        self.current_transactions = []
        self.chain = []
        self.nodes = []
        self.new_block(previous_hash='1', proof=100)

    def register_node(self, address):
        parsed = urlparse(address)
        if parsed.netloc:
            node = f'{parsed.scheme}://{parsed.netloc}{parsed.path.rstrip("/")}'
        elif parsed.path:
            node = 'http://' + parsed.path.rstrip('/')
        else:
            raise ValueError('Invalid URL')
        if node not in self.nodes:
            self.nodes.append(node)

    def valid_chain(self, chain):
        last_block = chain[0]
        for block in chain[1:]:
            if block['previous_hash'] != self.hash(last_block):
                return False
            if not self.valid_proof(last_block['proof'], block['proof'], self.hash(last_block)):
                return False
            last_block = block
        return True

    def resolve_conflicts(self):
        new_chain = None
        max_length = len(self.chain)
        for node in self.nodes:
            try:
                with urllib.request.urlopen(f'{node}/chain', timeout=10) as response:
                    if response.status != 200:
                        continue
                    chain = json.loads(response.read())['chain']
            except (OSError, ValueError, KeyError):
                continue
            if len(chain) > max_length and self.valid_chain(chain):
                max_length = len(chain)
                new_chain = chain
        if new_chain:
            self.chain = new_chain
            return True
        return False

    def new_block(self, proof, previous_hash):
        block = {
            'index': len(self.chain) + 1,
            'timestamp': time(),
            'transactions': self.current_transactions,
            'proof': proof,
            'previous_hash': previous_hash or self.hash(self.chain[-1]),
        }
        self.current_transactions = []
        self.chain.append(block)
        return block

    def new_transaction(self, sender, recipient, amount):
        self.current_transactions.append({'sender': sender, 'recipient': recipient, 'amount': amount})
        return self.last_block['index'] + 1

    @property
    def last_block(self):
        return self.chain[-1]

    @staticmethod
    def hash(block):
        return hashlib.sha256(json.dumps(block, sort_keys=True).encode()).hexdigest()

    def proof_of_work(self, last_block):
        last_proof = last_block['proof']
        last_hash = self.hash(last_block)
        proof = 0
        while not self.valid_proof(last_proof, proof, last_hash):
            proof += 1
        return proof

    @staticmethod
    def valid_proof(last_proof, proof, last_hash):
        guess = f'{last_proof}{proof}{last_hash}'.encode()
        return hashlib.sha256(guess).hexdigest()[:4] == "0000"


node_identifier = str(uuid4()).replace('-', '')
blockchain = Blockchain()
lock = threading.Lock()  # the Flask node is not thread-safe; this one serialises its requests


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, fmt, *args):
        pass

    def reply(self, status, body):
        data = json.dumps(body, sort_keys=True, separators=(',', ':')).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get('Content-Length') or 0)
        return json.loads(self.rfile.read(length))

    def do_GET(self):
        with lock:
            if self.path == '/chain':
                return self.reply(200, {'chain': blockchain.chain, 'length': len(blockchain.chain)})
            if self.path == '/mine':
                last_block = blockchain.last_block
                proof = blockchain.proof_of_work(last_block)
                blockchain.new_transaction(sender="0", recipient=node_identifier, amount=1)
                block = blockchain.new_block(proof, blockchain.hash(last_block))
                return self.reply(200, {'message': "New Block Forged", 'index': block['index'],
                                        'transactions': block['transactions'], 'proof': block['proof'],
                                        'previous_hash': block['previous_hash']})
            if self.path == '/nodes/resolve':
                if blockchain.resolve_conflicts():
                    return self.reply(200, {'message': 'Our chain was replaced', 'new_chain': blockchain.chain})
                return self.reply(200, {'message': 'Our chain is authoritative', 'chain': blockchain.chain})
        self.reply(404, {'message': 'Not found'})

    def do_POST(self):
        with lock:
            try:
                values = self.body()
            except ValueError:
                return self.reply(400, {'message': 'Bad JSON'})
            if self.path == '/transactions/new':
                if not all(k in values for k in ['sender', 'recipient', 'amount']):
                    return self.reply(400, {'message': 'Missing values'})
                index = blockchain.new_transaction(values['sender'], values['recipient'], values['amount'])
                return self.reply(201, {'message': f'Transaction will be added to Block {index}'})
            if self.path == '/nodes/register':
                nodes = values.get('nodes')
                if nodes is None:
                    return self.reply(400, {'message': 'Error: Please supply a valid list of nodes'})
                for node in nodes:
                    blockchain.register_node(node)
                return self.reply(201, {'message': 'New nodes have been added', 'total_nodes': blockchain.nodes})
        self.reply(404, {'message': 'Not found'})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('-p', '--port', default=0, type=int)
    parser.add_argument('--host', default='127.0.0.1', help='0.0.0.0 to be reached from other machines')
    args = parser.parse_args()
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    print(f'LISTENING {server.server_address[1]}', flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
