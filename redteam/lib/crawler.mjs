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
  'background', 'ping', 'manifest', 'codebase', 'lowsrc', 'dynsrc', 'longdesc', 'icon']);

export function attrs(s) {
  const out = [];
  for (const m of s.matchAll(ATTR)) out.push([m[1].toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? '')]);
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
    if (/ld\+json/i.test(type)) {
      for (const u of m[2].matchAll(/"((?:https?:)?\/\/[^"\s]+)"/g)) found.push({ where: 'JSON-LD', url: u[1].replace(/\\\//g, '/') });
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
      const u = /url\s*=\s*['"]?([^'"]*)/i.exec(get('content') ?? '');
      if (u) found.push({ where: '<meta refresh>', url: u[1].trim() });
    }
    if (tag === 'param' && /^(movie|src|url|href)$/i.test(get('name') ?? '')) found.push({ where: '<param>', url: get('value') ?? '' });
    if (tag === 'option' && /^(https?:)?\/\//i.test((get('value') ?? '').trim())) found.push({ where: '<option value>', url: get('value') });
  }
  return found;
}

/// The text a crawler indexes: text outside scripts, styles and comments (raw-text containers
/// included), the title, the describing <meta> contents, alt and title attributes.
export function crawlerText(html) {
  let s = html.replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<script\b[^>]*>[\s\S]*?(<\/script\s*>|$)/gi, ' ')
    .replace(/<style\b[^>]*>[\s\S]*?(<\/style\s*>|$)/gi, ' ');
  const extra = [];
  for (const m of s.matchAll(TAG)) {
    const tag = m[1].toLowerCase();
    const list = attrs(m[2]);
    const get = (k) => list.find(([n]) => n === k)?.[1];
    if (tag === 'meta' && /description|keywords|title|^og:|^twitter:/i.test(get('name') ?? get('property') ?? '')) extra.push(get('content') ?? '');
    for (const k of ['alt', 'title']) if (get(k)) extra.push(get(k));
    if (get('srcdoc')) extra.push(crawlerText(get('srcdoc')));
  }
  s = s.replace(TAG, ' ').replace(/<\/[a-zA-Z][^>]*>/g, ' ');
  return `${decodeEntities(s)} ${extra.join(' ')}`;
}
