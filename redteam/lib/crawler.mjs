// The crawler's view of one HTML document, read the way a search engine's fetcher reads raw
// markup: no script runs, comments are skipped, and the content of raw-text containers
// (<noscript>, <noembed>, <noframes>, <xmp>, <textarea>) and of srcdoc is read as markup.
// A deliberately simple regex reader, independent of any HTML library the gateway uses.

const NAMED = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad', colon: ':',
  period: '.', sol: '/', bsol: '\\', lpar: '(', rpar: ')', Tab: '\t', NewLine: '\n', zwj: '\u200d',
  zwnj: '\u200c', agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', egrave: 'è', eacute: 'é',
  ecirc: 'ê', igrave: 'ì', iacute: 'í', ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ',
  ugrave: 'ù', uacute: 'ú', yacute: 'ý', Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã',
  Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', Igrave: 'Ì', Iacute: 'Í', Ograve: 'Ò', Oacute: 'Ó',
  Ocirc: 'Ô', Otilde: 'Õ', Ugrave: 'Ù', Uacute: 'Ú', Yacute: 'Ý',
};

export function decodeEntities(s) {
  return s.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[A-Za-z]+);?/g, (m, e) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      try { return String.fromCodePoint(n); } catch { return m; }
    }
    return NAMED[e] ?? m;
  });
}

const TAG = /<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'data', 'poster', 'xlink:href',
  'background', 'ping', 'manifest', 'codebase', 'lowsrc', 'dynsrc', 'longdesc', 'icon', 'attributionsrc']);

export function attrs(s) {
  const out = [];
  for (const m of s.matchAll(ATTR)) out.push([m[1].toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? '')]);
  return out;
}

/// The URL of a refresh value the way browsers read it: "5; url='…'", "0;URL=…", "0, …",
/// even "0; …" with no url= at all.
export function refreshUrl(content) {
  const m = /^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(['"]?)([\s\S]*)$/i.exec(content);
  if (!m) return null;
  let u = m[2];
  if (m[1]) { const end = u.indexOf(m[1]); if (end >= 0) u = u.slice(0, end); }
  u = u.trim();
  return u === '' ? null : u;
}

/// The URL values of a JSON-LD block; "@context" and other "@" keys name the vocabulary.
function jsonLdUrls(text) {
  const out = [];
  const walk = (v, key) => {
    if (typeof key === 'string' && key.startsWith('@')) return;
    if (typeof v === 'string') { if (/^\s*(https?:)?\/\//i.test(v)) out.push(v.trim()); return; }
    if (Array.isArray(v)) { v.forEach((x) => walk(x)); return; }
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  try { walk(JSON.parse(text)); } catch {
    for (const u of text.matchAll(/"((?:https?:)?\/\/[^"\s]+)"/g)) if (!/schema\.org/.test(u[1])) out.push(u[1].replace(/\\\//g, '/'));
  }
  return out;
}

/// Every URL the markup carries, with where it was found: [{ where, url }].
export function urlsOf(html, depth = 0) {
  const found = [];
  const body = html.replace(/<!--[\s\S]*?(-->|$)/g, ' ');
  const cssUrls = (css, where) => {
    for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/gi)) {
      found.push({ where, url: (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '').trim() });
    }
  };
  for (const m of body.matchAll(/<style\b[^>]*>([\s\S]*?)(<\/style\s*>|$)/gi)) cssUrls(decodeEntities(m[1]), '<style>');
  for (const m of body.matchAll(/<script\b([^>]*)>([\s\S]*?)(<\/script\s*>|$)/gi)) {
    const type = attrs(m[1]).find(([k]) => k === 'type')?.[1] ?? '';
    if (/ld\+json/i.test(type)) for (const url of jsonLdUrls(m[2])) found.push({ where: 'JSON-LD', url });
    // An import map or speculation rules name the URLs the browser will fetch (keys included).
    if (/^\s*(importmap|speculationrules)\s*$/i.test(type)) {
      for (const u of m[2].matchAll(/"((?:[a-z][a-z0-9+.-]*:)?\/\/[^"\s]+|[a-z][a-z0-9+.-]*:[^"\s]+)"/gi)) found.push({ where: `<script type=${type.trim()}>`, url: u[1].replace(/\\\//g, '/') });
    }
  }
  const markup = body.replace(/<script\b[^>]*>[\s\S]*?(<\/script\s*>|$)/gi, ' ');
  for (const m of markup.matchAll(TAG)) {
    const tag = m[1].toLowerCase();
    const list = attrs(m[2]);
    const get = (k) => list.find(([n]) => n === k)?.[1];
    for (const [k, v] of list) {
      if (URL_ATTRS.has(k)) found.push({ where: `<${tag} ${k}>`, url: v });
      else if (k === 'srcset' || k === 'imagesrcset') {
        for (const part of v.split(',')) found.push({ where: `<${tag} ${k}>`, url: part.trim().split(/\s+/)[0] });
      } else if (k === 'style') cssUrls(v, `<${tag} style>`);
      else if (k === 'srcdoc' && depth < 3) {
        for (const f of urlsOf(v, depth + 1)) found.push({ where: `srcdoc ${f.where}`, url: f.url });
      }
    }
    if (tag === 'meta' && /refresh/i.test(get('http-equiv') ?? '')) {
      const u = refreshUrl(get('content') ?? '');
      if (u) found.push({ where: '<meta refresh>', url: u });
    }
    // SVG animation can set a link's href after load: <set attributeName="href" to="...">.
    if (/^(set|animate)$/.test(tag) && /href$/i.test(get('attributename') ?? '')) {
      for (const k of ['to', 'from', 'values']) if (get(k)) found.push({ where: `<${tag} ${k}>`, url: get(k).split(';')[0] });
    }
    if (tag === 'param' && /^(movie|src|url|href)$/i.test(get('name') ?? '')) found.push({ where: '<param>', url: get('value') ?? '' });
    if (tag === 'option' && /^(https?:)?\/\//i.test((get('value') ?? '').trim())) found.push({ where: '<option value>', url: get('value') });
  }
  return found;
}

/// The text a crawler indexes: text outside scripts, styles and comments (raw-text containers
/// included), the title, the describing <meta> contents, alt and title attributes, and the
/// texts of JSON-LD blocks.
export function crawlerText(html) {
  // JSON-LD texts (FAQ answers, descriptions, names) are shown as rich results in search.
  const ld = [];
  for (const m of html.replace(/<!--[\s\S]*?(-->|$)/g, ' ').matchAll(/<script\b([^>]*)>([\s\S]*?)(<\/script\s*>|$)/gi)) {
    if (!/ld\+json/i.test(attrs(m[1]).find(([k]) => k === 'type')?.[1] ?? '')) continue;
    const walk = (v, key) => {
      if (typeof key === 'string' && key.startsWith('@')) return;
      if (typeof v === 'string') { if (!/^\s*(https?:)?\/\//i.test(v)) ld.push(v); return; }
      if (Array.isArray(v)) { v.forEach((x) => walk(x)); return; }
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    try { walk(JSON.parse(m[2])); } catch { ld.push(m[2]); }
  }
  let s = html.replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<script\b[^>]*>[\s\S]*?(<\/script\s*>|$)/gi, ' ')
    .replace(/<style\b[^>]*>[\s\S]*?(<\/style\s*>|$)/gi, ' ');
  const extra = [];
  for (const m of s.matchAll(TAG)) {
    const tag = m[1].toLowerCase();
    const list = attrs(m[2]);
    const get = (k) => list.find(([n]) => n === k)?.[1];
    if (tag === 'meta' && /description|keywords|title|^og:|^twitter:/i.test(get('name') ?? get('property') ?? '')) extra.push(get('content') ?? '');
    // aria-label/aria-description are what screen readers speak and what search engines read
    // for icon links; option/optgroup/track labels are what a drop-down shows.
    for (const k of ['alt', 'title', 'aria-label', 'aria-description', 'label']) if (get(k)) extra.push(get(k));
    if (get('srcdoc')) extra.push(crawlerText(get('srcdoc')));
  }
  // Inline elements join their text as a browser's innerText does ("n<b>hà</b> cái" reads
  // "nhà cái"); every other tag separates words.
  s = s.replace(/<\/?(a|b|i|u|s|em|strong|span|font|small|big|sub|sup|mark|abbr|wbr|tt|code|q|cite|dfn|kbd|var|ins|del)\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi, '')
    .replace(TAG, ' ').replace(/<\/[a-zA-Z][^>]*>/g, ' ');
  return `${decodeEntities(s)} ${extra.join(' ')} ${ld.join(' ')}`;
}
