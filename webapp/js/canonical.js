// Python's json.dumps(json.loads(text), sort_keys=True) and SHA-256, in the browser: what a node
// hashes, computed where the student edits it. No DOM, nothing done at import: this module runs
// in any JavaScript engine.
//
//   parseExact(text)        a JSON text read without losing any number's literal (5.0, 4,300-digit
//                           integers, -0.0) or Python's NaN, Infinity and -Infinity
//   pythonJsonDumps(value)  for a value parseExact read, the very string Python's
//                           json.dumps(json.loads(text), sort_keys=True) gives
//   sha256Hex(text)         the SHA-256 of text's UTF-8 bytes, in hex (WebCrypto where the page is
//                           a secure context, else this module's own)

/** A number as written: an integer literal, or a float literal (with '.', 'e', NaN or Infinity). */
export class PyNumber {
  constructor(literal) {
    this.literal = literal;
    this.isInteger = /^-?\d+$/.test(literal);
  }

  toString() {
    return this.literal;
  }
}

/** Reads a JSON text as Python's json.loads does, numbers kept as written (PyNumber), objects as Maps. */
export function parseExact(text) {
  let at = 0;
  const fail = (what) => { throw new SyntaxError(`${what} at character ${at}`); };
  const space = () => { while (at < text.length && ' \t\n\r'.includes(text[at])) at++; };
  const literal = (word, value) => {
    if (text.startsWith(word, at)) { at += word.length; return value; }
    return fail('unexpected text');
  };
  const string = () => {
    at++; // the opening quote
    let out = '';
    while (true) {
      if (at >= text.length) fail('unterminated string');
      const c = text[at++];
      if (c === '"') return out;
      if (c < ' ') fail('a control character in a string');
      if (c !== '\\') { out += c; continue; }
      const e = text[at++];
      const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[e];
      if (simple !== undefined) { out += simple; continue; }
      if (e !== 'u' || !/^[0-9a-fA-F]{4}$/.test(text.slice(at, at + 4))) fail('a bad escape');
      out += String.fromCharCode(parseInt(text.slice(at, at + 4), 16)); // lone surrogates kept, as Python keeps them
      at += 4;
    }
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at));
    if (!match) fail('a bad number');
    at += match[0].length;
    return new PyNumber(match[0]);
  };
  const value = () => {
    space();
    const c = text[at];
    if (c === '{') {
      at++;
      const object = new Map();
      space();
      if (text[at] === '}') { at++; return object; }
      while (true) {
        space();
        if (text[at] !== '"') fail('a key must be a string');
        const key = string();
        space();
        if (text[at++] !== ':') fail("':' expected");
        object.set(key, value()); // a repeated key: the last wins, as in Python
        space();
        const next = text[at++];
        if (next === '}') return object;
        if (next !== ',') fail("',' or '}' expected");
      }
    }
    if (c === '[') {
      at++;
      const array = [];
      space();
      if (text[at] === ']') { at++; return array; }
      while (true) {
        array.push(value());
        space();
        const next = text[at++];
        if (next === ']') return array;
        if (next !== ',') fail("',' or ']' expected");
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true', true);
    if (c === 'f') return literal('false', false);
    if (c === 'n') return literal('null', null);
    if (c === 'N') return literal('NaN', new PyNumber('NaN'));
    if (c === 'I') return literal('Infinity', new PyNumber('Infinity'));
    if (c === '-' && text.startsWith('-Infinity', at)) return literal('-Infinity', new PyNumber('-Infinity'));
    return number();
  };
  const result = value();
  space();
  if (at !== text.length) fail('extra text after the value');
  return result;
}

/** Python's repr of a double: the shortest digits that read back, fixed from 1e-4 to below 1e16, else with an exponent. */
export function pythonFloatRepr(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, exponentText] = Math.abs(x).toExponential().split('e'); // the shortest digits that read back
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent >= -5 + 1 && exponent < 16) {
    if (exponent >= 0) {
      const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      const fraction = digits.slice(exponent + 1) || '0';
      return `${sign}${whole}.${fraction}`;
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  const shown = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const power = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${shown}e${exponent < 0 ? '-' : '+'}${power}`;
}

function dumpString(text) {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`; // ensure_ascii, as Python
    else out += text[i];
  }
  return `${out}"`;
}

/** Compares by code point, as Python sorts str (not by UTF-16 unit, as JavaScript's sort does). */
function byCodePoint(a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function dumpNumber(n) {
  if (n instanceof PyNumber) {
    return n.isInteger ? BigInt(n.literal).toString() : pythonFloatRepr(Number(n.literal));
  }
  if (typeof n === 'bigint') return n.toString();
  return Number.isInteger(n) ? BigInt(n).toString() : pythonFloatRepr(n);
}

/** The string Python's json.dumps(value, sort_keys=True) gives for a value parseExact read. */
export function pythonJsonDumps(value) {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return dumpString(value);
  if (value instanceof PyNumber || typeof value === 'number' || typeof value === 'bigint') return dumpNumber(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  entries.sort((a, b) => byCodePoint(a[0], b[0]));
  return `{${entries.map(([k, v]) => `${dumpString(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
}

/** The SHA-256 of text's UTF-8 bytes, in hex: WebCrypto in a secure context, else this module's own. */
export async function sha256Hex(text) {
  const bytes = new TextEncoder().encode(text);
  if (globalThis.crypto && globalThis.crypto.subtle) {
    const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  return sha256HexOfBytes(bytes);
}

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);

/**
 * SHA-256 (FIPS 180-4) of bytes, in hex, for pages opened over plain HTTP on a LAN (a teacher's
 * node at http://192.168...), where WebCrypto does not exist.
 */
export function sha256HexOfBytes(bytes) {
  const length = bytes.length;
  const padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(padded.length - 4, (length << 3) >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x, n) => (x >>> n) | (x << (32 - n));
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      hh = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
  return Array.from(h, (x) => x.toString(16).padStart(8, '0')).join('');
}
