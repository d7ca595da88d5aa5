// The compromised portal: serves every corpus page at /<kind>/<name>.html with the status,
// content coding, charset and extra headers its front matter names. Cloaked pages
// ("cloak": "bot" or "mobile-google") carry their payload, between <!--rt:cloak--> and
// <!--rt:/cloak-->, and their headers only for the requesters the attacker aims at.
// The coding is applied when the request's Accept-Encoding names it. Anything else is a
// plain 404. Listens on 127.0.0.1, port 0 unless PORT is set; prints
// "origin http://127.0.0.1:PORT" once listening.
// Transport tricks a page may ask for in its front matter:
//   "bom": "utf-8" | "utf-16le" | "utf-16be"  the body is really in that encoding, with its byte
//          order mark, whatever "charset" announces (browsers let the BOM win);
//   "headers": { "content-type": null }         a null header value removes the header;
//   "encodingHeader": "GZIP"                    the Content-Encoding value sent for the coding;
//   "chunk": N                                  the body goes out N bytes per write, one timer
//          tick apart, chunked (no Content-Length), so every read upstream sees a fragment;
//   "encodings": ["deflate", "gzip"]            stacked codings, applied in that order and
//          announced as "Content-Encoding: deflate, gzip" when the client accepts each of them;
//   "files": { "app.js": { "type": "text/javascript", "body": "...", "headers": {} } }
//          the page's own uploads (scripts, stylesheets, SVG, doorway pages), served at
//          /files/<page name>/<file> (or at the key itself when it starts with "/"), uncoded,
//          status 200 (round 3: tampered first-party assets, uploads).
//
// Usage: node origin.mjs

import http from 'node:http';
import { loadCorpus, encode1258, encodeBody } from './lib/corpus.mjs';

const corpus = loadCorpus();
const pages = new Map(corpus.map((p) => [p.path, p]));
const files = new Map();
for (const p of corpus) for (const [f, v] of Object.entries(p.meta.files || {})) files.set(f.startsWith('/') ? f : `/files/${p.name}/${f}`, v);
const CLOAK = /<!--rt:cloak-->([\s\S]*?)<!--rt:\/cloak-->/g;

function aimed(cloak, req) {
  const ua = req.headers['user-agent'] || '';
  const ref = req.headers.referer || '';
  if (cloak === 'bot') return /googlebot|bingbot|coccocbot|adsbot/i.test(ua);
  if (cloak === 'mobile-google') return /android|iphone|mobile/i.test(ua) && /google\.|coccoc/i.test(ref);
  return true;
}

function serve(req, res) {
  const url = new URL(req.url, 'http://origin');
  const file = files.get(url.pathname);
  if (file) {
    const body = Buffer.from(file.body, 'utf8');
    res.writeHead(200, { 'content-type': file.type, 'content-length': body.length, 'cache-control': 'no-cache', ...(file.headers || {}) });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  const page = pages.get(url.pathname);
  if (!page) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
    return;
  }
  const { meta } = page;
  const hit = !meta.cloak || aimed(meta.cloak, req);
  const html = page.html.replace(CLOAK, (_, inner) => (hit ? inner : ''));
  const charset = meta.charset.toLowerCase();
  let bytes = charset === 'windows-1258' ? encode1258(html) : Buffer.from(html, 'utf8');
  if (meta.bom === 'utf-8') bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html, 'utf8')]);
  if (meta.bom === 'utf-16le') bytes = Buffer.from(`\ufeff${html}`, 'utf16le');
  if (meta.bom === 'utf-16be') bytes = Buffer.from(`\ufeff${html}`, 'utf16le').swap16();
  const headers = {
    'content-type': meta.charsetVia === 'meta' ? 'text/html' : `text/html; charset=${meta.charset}`,
    'cache-control': 'no-cache',
    'x-powered-by': 'PHP/5.6.40',
  };
  if (hit) Object.assign(headers, meta.headers);
  let body = bytes;
  // Coded when the client accepts the coding, as real servers do (Chromium never accepts br
  // over plain HTTP; a crawler does): what reaches the gateway depends on what it asks for.
  const accepts = String(req.headers['accept-encoding'] || '').toLowerCase();
  if (meta.encoding !== 'identity' && accepts.includes(meta.encoding.replace('-raw', ''))) {
    body = encodeBody(bytes, meta.encoding);
    headers['content-encoding'] = meta.encodingHeader ?? (meta.encoding === 'deflate-raw' ? 'deflate' : meta.encoding);
    headers.vary = 'Accept-Encoding';
  }
  if (meta.encodings && meta.encodings.every((e) => accepts.includes(e))) {
    for (const e of meta.encodings) body = encodeBody(body, e);
    headers['content-encoding'] = meta.encodingHeader ?? meta.encodings.join(', ');
    headers.vary = 'Accept-Encoding';
  }
  for (const [k, v] of Object.entries(headers)) if (v === null) delete headers[k];
  if (!meta.chunk) headers['content-length'] = body.length;
  res.writeHead(hit ? meta.status : 200, headers);
  if (req.method === 'HEAD' || !meta.chunk) { res.end(req.method === 'HEAD' ? undefined : body); return; }
  let at = 0;
  const next = () => {
    if (at >= body.length || res.destroyed) { res.end(); return; }
    res.write(body.subarray(at, at + meta.chunk));
    at += meta.chunk;
    setTimeout(next, 1);
  };
  next();
}

const server = http.createServer(serve);
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  console.log(`origin http://127.0.0.1:${server.address().port}`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
