// The red-team corpus on disk: every page is a standalone HTML file under pages/attack/ or
// pages/benign/ that starts with a front-matter comment
//
//   <!--redteam
//   { "family": "...", "status": 200, "encoding": "gzip", "charset": "utf-8", ... }
//   -->
//
// which the origin server strips before serving (the gateway never sees it). This module
// reads those files, and holds the helpers the origin and the judge share: encodings,
// the windows-1258 encoder, and the text normalization the spam phrases are matched with.

import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FRONT = /^<!--redteam\s*\n([\s\S]*?)\n-->\n?/;

/// One page: { name, kind, path, meta, html } where html is the served markup (UTF-8 string).
export function loadCorpus(only = null) {
  const pages = [];
  for (const kind of ['attack', 'benign']) {
    const dir = join(ROOT, 'pages', kind);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.html')).sort()) {
      const name = file.replace(/\.html$/, '');
      if (only && !only.some((o) => name.includes(o))) continue;
      const raw = readFileSync(join(dir, file), 'utf8');
      const m = FRONT.exec(raw);
      if (!m) throw new Error(`${kind}/${file}: no <!--redteam front matter`);
      let meta;
      try { meta = JSON.parse(m[1]); } catch (e) { throw new Error(`${kind}/${file}: front matter: ${e.message}`); }
      meta = {
        status: 200, encoding: 'identity', charset: 'utf-8', charsetVia: 'header',
        headers: {}, phrases: [], hosts: [], keep: [], ...meta,
      };
      pages.push({ name, kind, path: `/${kind}/${name}.html`, meta, html: raw.slice(m[0].length) });
    }
  }
  return pages;
}

/// Compatibility forms folded (full-width letters), look-alike Cyrillic and Greek letters read as
/// Latin, lower case, no diacritics (đ → d), no zero-width, invisible (tag characters, Hangul
/// fillers, invisible operators) or bidi-control characters or soft hyphens, one space between
/// words: the form in which a spam phrase is looked for.
// Look-alike letters spammers swap in to dodge filters (Cyrillic, Greek), read as Latin.
const CONFUSABLE = { 'а': 'a', 'е': 'e', 'о': 'o', 'с': 'c', 'р': 'p', 'х': 'x', 'у': 'y', 'і': 'i', 'ј': 'j',
  'к': 'k', 'м': 'm', 'н': 'h', 'т': 't', 'в': 'b', 'ο': 'o', 'α': 'a', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'τ': 't' };

export function normalize(s) {
  return s
    .normalize('NFKC')
    .replace(/[аеосрхуіјкмнтвοαειкντ]/gi, (c) => CONFUSABLE[c.toLowerCase()] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\u{e0000}-\u{e007f}]/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@.+]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// windows-1258 has precomposed vowels with circumflex, breve and horn, and tone marks as
// combining characters: encode NFC text by keeping what the table has and decomposing the rest.
let cp1258 = null;
function table() {
  if (cp1258) return cp1258;
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  const chars = new TextDecoder('windows-1258').decode(bytes);
  cp1258 = new Map();
  for (let i = 0; i < 256; i += 1) if (!cp1258.has(chars[i])) cp1258.set(chars[i], i);
  return cp1258;
}
const popcount = (n) => n.toString(2).replace(/0/g, '').length;

export function encode1258(text) {
  const map = table();
  const out = [];
  for (const ch of text.normalize('NFC')) {
    if (map.has(ch)) { out.push(map.get(ch)); continue; }
    // Compose the base letter with the marks the table has precomposed (â ê ô ă ơ ư), keep
    // the tone mark combining: "ộ" is NFD o + dot below + circumflex, sent as ô + dot below.
    const [base, ...marks] = [...ch.normalize('NFD')];
    let done = false;
    const subsets = Array.from({ length: 1 << marks.length }, (_, m) => m).sort((x, y) => popcount(y) - popcount(x));
    for (const mask of subsets) {
      const used = marks.filter((_, i) => mask & (1 << i));
      const rest = marks.filter((_, i) => !(mask & (1 << i)));
      const head = (base + used.join('')).normalize('NFC');
      if (map.has(head) && rest.every((c) => map.has(c))) {
        out.push(map.get(head), ...rest.map((c) => map.get(c)));
        done = true;
        break;
      }
    }
    if (!done) out.push(...Buffer.from(`&#${ch.codePointAt(0)};`, 'latin1'));
  }
  return Buffer.from(out);
}

export function encodeBody(buf, encoding) {
  switch (encoding) {
    case 'identity': return buf;
    case 'gzip': return zlib.gzipSync(buf);
    case 'deflate': return zlib.deflateSync(buf);
    case 'deflate-raw': return zlib.deflateRawSync(buf);
    case 'br': return zlib.brotliCompressSync(buf);
    default: throw new Error(`unknown encoding ${encoding}`);
  }
}

export function decodeBody(buf, encoding) {
  // Stacked codings ("deflate, gzip") were applied in the order listed: undo them backwards.
  const list = String(encoding || '').split(',').map((x) => x.trim()).filter(Boolean);
  if (list.length > 1) return list.reduceRight((b, e) => decodeBody(b, e), buf);
  const e = (encoding || 'identity').trim().toLowerCase();
  if (e === '' || e === 'identity') return buf;
  if (e === 'gzip' || e === 'x-gzip') return zlib.gunzipSync(buf);
  if (e === 'br') return zlib.brotliDecompressSync(buf);
  if (e === 'deflate') {
    try { return zlib.inflateSync(buf); } catch { return zlib.inflateRawSync(buf); }
  }
  if (e === 'zstd' && zlib.zstdDecompressSync) return zlib.zstdDecompressSync(buf);
  throw new Error(`cannot decode content-encoding ${e}`);
}

/// The charset a browser would use: a byte order mark's (it wins over everything), else the
/// Content-Type's, else a <meta> in the first 1 KB, else UTF-8.
export function sniffCharset(contentType, buf) {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8';
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  const h = /charset\s*=\s*"?([\w-]+)/i.exec(contentType || '');
  if (h) return h[1].toLowerCase();
  // Chromium keeps looking for a <meta charset> past the first 1024 bytes while it is still
  // in <head> (round 3: late declarations after a long comment).
  const start = buf.subarray(0, 65536).toString('latin1');
  const body = start.search(/<body[\s>]/i);
  const head = body > 1024 ? start.slice(0, body) : start.slice(0, 1024);
  const m = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : 'utf-8';
}

export function decodeText(buf, charset) {
  try { return new TextDecoder(charset).decode(buf); } catch { return new TextDecoder('utf-8').decode(buf); }
}
