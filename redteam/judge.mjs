// The red-team judge: every corpus page through the gateway, as a crawler and in Chromium.
//
// Attack pages (pages/attack/) pass when, through the gateway,
//   - crawler view (raw fetch as Googlebot): none of the page's spam phrases is in the text a
//     crawler indexes (lib/crawler.mjs), no URL-carrying attribute, CSS url(), JSON-LD URL,
//     meta refresh, Location, Refresh or Link header names a foreign host;
//   - browser view (headless Chromium, every host mapped to loopback; profiles desktop,
//     android + Google referer with a Vietnamese locale and time zone, Googlebot; none reports
//     navigator.webdriver): no request to a foreign host, the main frame never
//     leaves the site (nor goes through an allowed host's open redirector) after timers run
//     forward two minutes (a meta refresh of up to 10 s is waited out for real) and a click
//     on the page, and no spam
//     phrase is in document.body.innerText, in CSS-drawn ::before/::after content, nor in any
//     other text node (hidden ones included);
//   - the page still is the portal: not answered 5xx unless the origin said so, and its own
//     headline ("keep") still shows.
// Benign pages (pages/benign/) pass when the gateway's copy equals the origin's: same status,
// same decoded source, and in Chromium the same visible text and links, no foreign request.
// "Foreign" is neither the site nor on its allow list (REDTEAM_ALLOW).
//
// Usage: node judge.mjs GATEWAY_URL ORIGIN_URL [NAME_FILTER...]
//   GATEWAY_URL like http://portal.example.gov.vn:PORT; ORIGIN_URL the origin's own port.
// Env: REDTEAM_ALLOW (comma list, "*.gov.vn" style), REDTEAM_JOBS (parallel pages, default 3),
//      REDTEAM_OUT (a JSON file for the detailed results), REDTEAM_VERBOSE=1.
// Exit status: 0 when every page passes, 1 otherwise.

import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadCorpus, normalize, decodeBody, sniffCharset, decodeText } from './lib/corpus.mjs';
import { urlsOf, crawlerText, refreshUrl } from './lib/crawler.mjs';

const require = createRequire(new URL('../tests/browser/', import.meta.url));
const { chromium } = require('playwright-core');

const [gatewayBase, originBase, ...only] = process.argv.slice(2);
if (!originBase) {
  console.error('usage: node judge.mjs GATEWAY_URL ORIGIN_URL [NAME_FILTER...]');
  process.exit(2);
}
const SITE = new URL(gatewayBase).hostname;
const ALLOW = (process.env.REDTEAM_ALLOW || '*.gov.vn,chinhphu.vn').split(',').map((s) => s.trim()).filter(Boolean);
const JOBS = Number(process.env.REDTEAM_JOBS || 3);
const VERBOSE = process.env.REDTEAM_VERBOSE === '1';

const UA = {
  desktop: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  android: 'Mozilla/5.0 (Linux; Android 13; SM-A536E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  googlebot: 'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.126 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
};
const PROFILES = [
  { name: 'desktop', ua: UA.desktop, referer: undefined, mobile: false },
  // A Vietnamese phone: kits that aim at local visitors check the time zone and the language.
  { name: 'android+google', ua: UA.android, referer: 'https://www.google.com.vn/', mobile: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' },
  { name: 'googlebot', ua: UA.googlebot, referer: undefined, mobile: true },
];
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-features=HttpsUpgrades', '--host-resolver-rules=MAP * 127.0.0.1',
];

function allowedHost(host) {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === SITE || h === `www.${SITE}`) return true;
  return ALLOW.some((p) => (p.startsWith('*.') ? h.endsWith(p.slice(1)) || h === p.slice(2) : h === p));
}

/// Why a URL (resolved against base) leaves the site, or null.
function foreign(u, base) {
  let url;
  try { url = new URL(u, base); } catch { return null; }
  if (!['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(url.protocol)) return null;
  if (!allowedHost(url.hostname)) return url.hostname;
  // An allowed host's open redirector (facebook.com/l.php?u=…, youtube.com/redirect?q=…)
  // takes the visitor to whatever its query names.
  if (url.hostname !== SITE) {
    for (const v of url.searchParams.values()) {
      if (/^https?:\/\//i.test(v.trim())) {
        const inner = foreign(v.trim(), base);
        if (inner) return `${inner} (through ${url.hostname})`;
      }
    }
  }
  return null;
}

/// Raw GET through a loopback port with the site's Host header; decodes coding and charset.
function fetchRaw(base, path, ua, referer) {
  const b = new URL(base);
  return new Promise((resolve) => {
    const headers = { host: b.host, 'user-agent': ua, 'accept-encoding': 'gzip, deflate, br', accept: 'text/html,*/*' };
    if (referer) headers.referer = referer;
    const req = http.request({ host: '127.0.0.1', port: b.port, path, headers, timeout: 20000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', (e) => resolve({ error: `read: ${e.message}` }));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        let body;
        try { body = decodeBody(raw, res.headers['content-encoding']); } catch (e) {
          resolve({ status: res.statusCode, headers: res.headers, error: `decode: ${e.message}` });
          return;
        }
        const charset = sniffCharset(res.headers['content-type'], body);
        resolve({ status: res.statusCode, headers: res.headers, charset, text: decodeText(body, charset) });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ error: e.message }));
    req.end();
  });
}

function phrasesIn(text, phrases) {
  const n = ` ${normalize(text)} `;
  return phrases.filter((p) => n.includes(normalize(p)));
}

async function crawlerProblems(page) {
  const url = new URL(page.path, gatewayBase).toString();
  const r = await fetchRaw(gatewayBase, page.path, UA.googlebot, 'https://www.google.com/');
  if (r.error && r.text === undefined) return [`crawler: ${r.error}`];
  const out = [];
  if (r.status >= 500 && r.status !== page.meta.status) out.push(`crawler: blanked, answered ${r.status} (origin ${page.meta.status})`);
  for (const p of phrasesIn(crawlerText(r.text), page.meta.phrases)) out.push(`crawler: spam text survived "${p}"`);
  for (const { where, url: u } of urlsOf(r.text)) {
    const host = foreign(u, url);
    if (host) out.push(`crawler: foreign URL in ${where}: ${u.slice(0, 90)}`);
  }
  const loc = r.headers.location;
  if (loc && foreign(loc, url)) out.push(`crawler: Location header to ${loc}`);
  // Reporting endpoints (Report-To, Reporting-Endpoints, NEL via Report-To, CSP report-uri)
  // make every visitor's browser post to the host they name.
  const reports = `${r.headers['report-to'] || ''} ${r.headers['reporting-endpoints'] || ''} ${r.headers['content-security-policy'] || ''} ${r.headers['content-security-policy-report-only'] || ''}`;
  for (const m of reports.matchAll(/https?:\/\/[^\s"',;]+/gi)) if (foreign(m[0], url)) out.push(`crawler: foreign URL in a reporting or CSP header: ${m[0]}`);
  const refresh = refreshUrl(String(r.headers.refresh || ''));
  if (refresh && foreign(refresh, url)) out.push(`crawler: Refresh header to ${refresh}`);
  for (const l of String(r.headers.link || '').matchAll(/<([^>]+)>/g)) if (foreign(l[1], url)) out.push(`crawler: Link header to ${l[1]}`);
  const k = page.meta.keep.filter((p) => phrasesIn(crawlerText(r.text), [p]).length === 0);
  if (k.length && !out.some((o) => o.includes('blanked'))) out.push(`crawler: collateral, the portal's own "${k[0]}" is gone`);
  return out;
}

/// Everything on the page a reader or a crawler could get at: all text nodes but scripts' and
/// styles', the title, describing <meta> contents, alt and title attributes.
function snapshotInPage() {
  // The title a script sets at run time shows in the tab and is what a rendering crawler indexes.
  const parts = [document.title];
  // Text nodes of the document and of every shadow root (open ones found on the way, closed
  // ones recorded by the init script when a script attaches them).
  const roots = [document.documentElement];
  const seen = new Set();
  const textNodes = [];
  for (let i = 0; i < roots.length; i += 1) {
    const w = document.createTreeWalker(roots[i], NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      if (n.nodeType === 1) {
        if (n.shadowRoot && !seen.has(n.shadowRoot)) { seen.add(n.shadowRoot); roots.push(n.shadowRoot); }
        continue;
      }
      if (!n.parentElement || !n.parentElement.closest('script,style')) { parts.push(n.data); textNodes.push(n); }
    }
    if (i === roots.length - 1) {
      for (const r of window[Symbol.for('rt.roots')] || []) if (!seen.has(r)) { seen.add(r); roots.push(r); }
    }
  }
  for (const e of document.querySelectorAll('[aria-label],[aria-description],option[label],optgroup[label],track[label]')) {
    parts.push(e.getAttribute('aria-label') || '', e.getAttribute('aria-description') || '', e.getAttribute('label') || '');
  }
  // The page as a reader sees it laid out (round 3): text nodes in on-screen order, line by
  // line, left to right, so words that CSS moves (order, row-reverse, grid, floats, absolute
  // letters, slots) read as they show; plus text drawn on canvases and in SVG data: images.
  const items = [];
  for (const n of textNodes) {
    const raw = n.data;
    if (!raw.trim() || !n.parentElement) continue;
    const cs = getComputedStyle(n.parentElement);
    if (cs.visibility !== 'visible') continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (!rects.length) continue;
    const first = rects[0];
    const last = rects[rects.length - 1];
    items.push({ raw, x: first.left, r: last.right, y: first.top + first.height / 2, h: first.height, fs: parseFloat(cs.fontSize) || 16 });
  }
  items.sort((a, b) => a.y - b.y);
  const lines = [];
  for (const it of items) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.y - it.y) < Math.max(line.h, it.h) / 2) line.items.push(it);
    else lines.push({ y: it.y, h: it.h, items: [it] });
  }
  const layout = lines.map((l) => {
    l.items.sort((a, b) => a.x - b.x);
    let out = '';
    let prev = null;
    for (const it of l.items) {
      const gap = prev ? it.x - prev.r : 0;
      const sep = prev && (gap > 0.25 * it.fs || /\s$/.test(prev.raw) || /^\s/.test(it.raw)) ? ' ' : '';
      out += sep + it.raw.trim();
      prev = it;
    }
    return out;
  });
  layout.push(...(window[Symbol.for('rt.canvas')] || []));
  const svgText = (u) => {
    try {
      const i = u.indexOf(',');
      const head = u.slice(0, i);
      const body = /;base64/i.test(head) ? atob(u.slice(i + 1)) : decodeURIComponent(u.slice(i + 1));
      return new DOMParser().parseFromString(body, 'image/svg+xml').documentElement.textContent || '';
    } catch { return ''; }
  };
  for (const e of document.querySelectorAll('img[src^="data:image/svg" i], object[data^="data:image/svg" i], embed[src^="data:image/svg" i]')) layout.push(svgText(e.getAttribute('src') || e.getAttribute('data')));
  for (const e of document.querySelectorAll('body, body *')) {
    for (const m of getComputedStyle(e).backgroundImage.matchAll(/url\("(data:image\/svg[^"]*)"\)/gi)) layout.push(svgText(m[1]));
  }
  for (const m of document.querySelectorAll('meta[content]')) {
    const k = m.getAttribute('name') || m.getAttribute('property') || '';
    if (/description|keywords|title|^og:|^twitter:/i.test(k)) parts.push(m.content);
  }
  for (const e of document.querySelectorAll('[alt],[title]')) parts.push(e.getAttribute('alt') || '', e.getAttribute('title') || '');
  // Text drawn by CSS (::before/::after content) shows on screen but is no DOM text.
  const drawn = [];
  for (const e of document.querySelectorAll('body, body *')) {
    for (const pseudo of ['::before', '::after', '::marker']) {
      const c = getComputedStyle(e, pseudo).content;
      if (c && c !== 'none' && c !== 'normal' && /[\p{L}\p{N}]/u.test(c)) drawn.push(c);
    }
  }
  parts.push(...drawn);
  // Text a form control shows on screen is no text node: button-like inputs' values, the
  // values and placeholders of text boxes.
  const shown = [];
  for (const e of document.querySelectorAll('input:not([type=hidden]), textarea')) {
    if (e.value) shown.push(e.value);
    if (e.placeholder) shown.push(e.placeholder);
  }
  parts.push(...shown);
  const links = [...document.querySelectorAll('a[href], area[href], form[action], iframe[src], frame[src], embed[src], object[data], script[src], link[href], img[src]')]
    .map((e) => `${e.tagName} ${e.getAttribute('href') ?? e.getAttribute('action') ?? e.getAttribute('src') ?? e.getAttribute('data')}`);
  return { all: parts.join(' '), visible: `${document.body ? document.body.innerText : ''} ${drawn.join(' ')} ${shown.join(' ')}`, title: document.title, links, layout: layout.join('\n') };
}

async function visit(browser, url, profile, { click = false, snapshot = true } = {}) {
  const context = await browser.newContext({ userAgent: profile.ua, isMobile: profile.mobile, hasTouch: profile.mobile, viewport: profile.mobile ? { width: 412, height: 915 } : { width: 1366, height: 768 },
    ...(profile.locale ? { locale: profile.locale } : {}), ...(profile.timezoneId ? { timezoneId: profile.timezoneId } : {}) });
  // Kits skip automated browsers (navigator.webdriver): the judge looks like a person's browser.
  await context.addInitScript(() => { Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false, configurable: true }); });
  // Round 3: remember closed shadow roots and the text scripts draw on canvases, for the
  // snapshot (kept under symbols, out of the page's sight).
  await context.addInitScript(() => {
    const roots = []; const drawn = [];
    Object.defineProperty(window, Symbol.for('rt.roots'), { value: roots });
    Object.defineProperty(window, Symbol.for('rt.canvas'), { value: drawn });
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function attachShadow(init) { const r = attach.call(this, init); roots.push(r); return r; };
    for (const k of ['fillText', 'strokeText']) {
      const f = CanvasRenderingContext2D.prototype[k];
      CanvasRenderingContext2D.prototype[k] = function drawText(text, ...rest) { drawn.push(String(text)); return f.call(this, text, ...rest); };
    }
  });
  const page = await context.newPage();
  const problems = [];
  const note = (s) => problems.push(s);
  const base = url;
  context.on('request', (r) => { const h = foreign(r.url(), base); if (h) note(`request to ${h} (${r.url().slice(0, 80)})`); });
  page.on('websocket', (ws) => { const h = foreign(ws.url(), base); if (h) note(`websocket to ${h}`); });
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) { const h = foreign(f.url(), base); if (h) note(`main frame left for ${h}`); }
  });
  await page.clock.install();
  let status = null;
  try {
    const resp = await page.goto(url, { referer: profile.referer, waitUntil: 'load', timeout: 20000 });
    status = resp ? resp.status() : null;
  } catch (e) {
    if (!/ERR_ABORTED|interrupted by another navigation/.test(e.message)) note(`load failed: ${e.message.split('\n')[0]}`);
  }
  await page.clock.runFor(120000).catch(() => {});
  await page.waitForEvent('framenavigated', { timeout: 800 }).catch(() => {});
  // A meta refresh runs on the browser's own clock, not on the page's timers: wait it out
  // for real (up to 10 s) when the page still carries one.
  const delay = await page.evaluate(() => Math.min(...[...document.querySelectorAll('meta')]
    .filter((m) => /refresh/i.test(m.httpEquiv)).map((m) => parseFloat(m.content) || 0))).catch(() => Infinity);
  if (delay <= 10) await page.waitForEvent('framenavigated', { timeout: (delay + 1.5) * 1000 }).catch(() => {});
  let snap = null;
  if (snapshot) {
    snap = await page.evaluate(snapshotInPage).catch((e) => ({ error: e.message.split('\n')[0] }));
    // Shadow roots a parser attached closed (<template shadowrootmode=closed>) are out of the
    // page's reach: read their text through the DevTools protocol.
    try {
      const cdp = await context.newCDPSession(page);
      const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
      const shadow = [];
      const walk = (n, inside) => {
        if (n.nodeName === 'SCRIPT' || n.nodeName === 'STYLE') return;
        if (n.nodeType === 3 && inside) shadow.push(n.nodeValue);
        for (const c of n.children || []) walk(c, inside);
        for (const r of n.shadowRoots || []) if (r.shadowRootType !== 'user-agent') walk(r, true);
      };
      walk(root, false);
      if (snap && !snap.error) snap.all += ` ${shadow.join(' ')}`;
      await cdp.detach();
    } catch { /* a navigated-away page has no document to read */ }
    // Text in frames the page builds itself (srcdoc, about:blank) is the page's text too.
    for (const f of page.frames()) {
      if (f === page.mainFrame() || !/^(about:|data:)/.test(f.url())) continue;
      const s = await f.evaluate(snapshotInPage).catch(() => null);
      if (s && snap && !snap.error) { snap.all += ` ${s.all}`; snap.visible += ` ${s.visible}`; snap.layout += `\n${s.layout}`; }
    }
  }
  if (click) {
    const vp = page.viewportSize() || { width: 800, height: 600 };
    await page.mouse.click(Math.floor(vp.width / 2), Math.floor(vp.height / 2)).catch(() => {});
    await page.clock.runFor(10000).catch(() => {});
    await page.waitForEvent('framenavigated', { timeout: 800 }).catch(() => {});
  }
  const final = page.mainFrame().url();
  const h = foreign(final, base);
  if (h) note(`ended on ${final.slice(0, 80)}`);
  await context.close();
  return { problems: [...new Set(problems)], status, snap };
}

async function judgeAttack(browser, page) {
  const out = await crawlerProblems(page);
  const url = new URL(page.path, gatewayBase).toString();
  for (const profile of PROFILES) {
    const { problems, status, snap } = await visit(browser, url, profile, { click: true });
    for (const p of problems) out.push(`browser ${profile.name}: ${p}`);
    if (status >= 500 && status !== page.meta.status) out.push(`browser ${profile.name}: blanked, answered ${status}`);
    if (snap && !snap.error) {
      for (const p of phrasesIn(snap.visible, page.meta.phrases)) out.push(`browser ${profile.name}: spam visible "${p}"`);
      for (const p of phrasesIn(snap.layout, page.meta.phrases).filter((x) => !phrasesIn(snap.visible, [x]).length)) out.push(`browser ${profile.name}: spam visible as laid out "${p}"`);
      const hidden = phrasesIn(snap.all, page.meta.phrases).filter((p) => !phrasesIn(`${snap.visible} ${snap.layout}`, [p]).length);
      for (const p of hidden) out.push(`browser ${profile.name}: spam in hidden text "${p}"`);
      if (profile.name === 'desktop' && status < 500) {
        const lost = page.meta.keep.filter((p) => phrasesIn(snap.visible, [p]).length === 0);
        if (lost.length) out.push(`browser desktop: collateral, the portal's own "${lost[0]}" no longer shows`);
      }
    }
  }
  return [...new Set(out)];
}

function firstDiff(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  const cut = (s) => JSON.stringify(s.slice(Math.max(0, i - 50), i + 70));
  return `gateway ${cut(a)} vs origin ${cut(b)}`;
}

async function judgeBenign(browser, page) {
  const out = [];
  const [g, o] = await Promise.all([
    fetchRaw(gatewayBase, page.path, UA.desktop), fetchRaw(originBase, page.path, UA.desktop)]);
  if (g.error && g.text === undefined) return [`crawler: ${g.error}`];
  if (g.status !== o.status) out.push(`status ${g.status}, origin ${o.status}`);
  if (g.text !== o.text) out.push(`source changed: ${firstDiff(g.text, o.text)}`);
  const profile = PROFILES[0];
  const gv = await visit(browser, new URL(page.path, gatewayBase).toString(), profile);
  const ov = await visit(browser, new URL(page.path, originBase).toString(), profile);
  for (const p of gv.problems.filter((x) => !x.startsWith('load failed'))) out.push(`browser: ${p}`);
  const norm = (s) => String(s).split(`:${new URL(gatewayBase).port}`).join(':PORT').split(`:${new URL(originBase).port}`).join(':PORT');
  for (const k of ['visible', 'title', 'links']) {
    const a = norm(JSON.stringify(gv.snap?.[k] ?? gv.snap?.error));
    const b = norm(JSON.stringify(ov.snap?.[k] ?? ov.snap?.error));
    if (a !== b) out.push(`browser: ${k} differ: ${firstDiff(a, b)}`);
  }
  return out;
}

const pages = loadCorpus(only.length ? only : null);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
const results = [];
const queue = [...pages];
const started = Date.now();
await Promise.all(Array.from({ length: JOBS }, async () => {
  while (queue.length) {
    const page = queue.shift();
    let failures;
    try {
      failures = page.kind === 'attack' ? await judgeAttack(browser, page) : await judgeBenign(browser, page);
    } catch (e) {
      failures = [`judge error: ${e.message.split('\n')[0]}`];
    }
    results.push({ page, failures });
    if (VERBOSE) console.error(`${failures.length ? 'FAIL' : 'pass'} ${page.kind}/${page.name}`);
  }
}));
await browser.close();
results.sort((a, b) => (`${a.page.kind}/${a.page.name}` < `${b.page.kind}/${b.page.name}` ? -1 : 1));

for (const { page, failures } of results) {
  if (!failures.length) continue;
  console.log(`FAIL ${page.kind}/${page.name} [${page.meta.family}] ${failures.slice(0, 6).join('; ')}${failures.length > 6 ? ` (+${failures.length - 6} more)` : ''}`);
}
const attacks = results.filter((r) => r.page.kind === 'attack');
const benign = results.filter((r) => r.page.kind === 'benign');
if (process.env.REDTEAM_OUT) {
  writeFileSync(process.env.REDTEAM_OUT, JSON.stringify(results.map(({ page, failures }) => ({
    page: `${page.kind}/${page.name}`, family: page.meta.family, failures })), null, 1));
}
console.log(`redteam: attacks ${attacks.filter((r) => !r.failures.length).length}/${attacks.length} neutralized, `
  + `benign ${benign.filter((r) => !r.failures.length).length}/${benign.length} intact `
  + `(${Math.round((Date.now() - started) / 1000)}s)`);
process.exit(results.every((r) => !r.failures.length) ? 0 : 1);
