// The tamper lab's miner, off the page's thread: the tutorial's proof search,
// sha256(f"{last_proof}{proof}{last_hash}") from proof 0 up until the hash starts with the
// network's zeros. Uses the page's own SHA-256, so it works where WebCrypto does not (plain HTTP
// on a LAN) and stays synchronous inside the loop. Told of progress every 100 ms.
import { sha256HexOfBytes } from './canonical.js';

self.onmessage = ({ data }) => {
  const { lastProof, lastHash, zeros } = data;
  const target = '0'.repeat(zeros);
  const encoder = new TextEncoder();
  let told = Date.now();
  for (let proof = 0; ; proof++) {
    const hash = sha256HexOfBytes(encoder.encode(`${lastProof}${proof}${lastHash}`));
    if (hash.startsWith(target)) {
      self.postMessage({ found: String(proof), hash, attempts: proof + 1 });
      return;
    }
    if ((proof & 1023) === 0 && Date.now() - told >= 100) {
      told = Date.now();
      self.postMessage({ attempts: proof + 1 });
    }
  }
};
