// Loads pages in headless Chromium (every host mapped to loopback) and checks what a
// visitor would suffer from a compromised portal: no request may go to a foreign host,
// and the main frame must never leave the site, even after timers are run forward,
// under several User-Agents and Referers.
//
// Usage: node run.mjs BASE_URL PATH...   (BASE_URL like http://portal.example.gov.vn:8123)
// Exit status: 0 when every page passes, 1 otherwise.

import { chromium } from 'playwright-core';

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error('usage: node run.mjs BASE_URL PATH...');
  process.exit(2);
}
const site = new URL(base);
const OWN_HOSTS = new Set([site.hostname]);

const USER_AGENTS = {
  desktop: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  android: 'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
  googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
};
const REFERERS = { none: undefined, google: 'https://www.google.com/', coccoc: 'https://coccoc.com/search?query=thu+vien' };

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * 127.0.0.1',
  // Service workers need a secure context: the planted-worker page must be able to try.
  `--unsafely-treat-insecure-origin-as-secure=${site.origin}`,
];

/// Why a URL counts as leaving the site, or null.
function foreign(u) {
  let url;
  try { url = new URL(u); } catch { return `unparsable ${u}`; }
  if (['data:', 'blob:', 'about:'].includes(url.protocol)) return null;
  if (url.protocol === 'chrome-error:') return 'error page (a navigation failed)';
  return OWN_HOSTS.has(url.hostname) ? null : `foreign host ${url.hostname}`;
}

async function check(browser, path, uaName, refName) {
  const context = await browser.newContext({ userAgent: USER_AGENTS[uaName] });
  const page = await context.newPage();
  const problems = [];
  context.on('request', (r) => {
    const why = foreign(r.url());
    if (why) problems.push(`request ${r.url()} (${why})`);
  });
  page.on('framenavigated', (f) => {
    const why = f === page.mainFrame() ? foreign(f.url()) : null;
    if (why) problems.push(`main frame navigated to ${f.url()} (${why})`);
  });
  await page.clock.install();
  const url = new URL(path, base).toString();
  try {
    await page.goto(url, { referer: REFERERS[refName], waitUntil: 'load', timeout: 20000 });
  } catch (e) {
    problems.push(`loading failed: ${e.message.split('\n')[0]}`);
  }
  try {
    await page.clock.runFor(120000);
  } catch (e) {
    // A page that already navigated away has no clock left to run.
    if (problems.length === 0) problems.push(`timers: ${e.message.split('\n')[0]}`);
  }
  // A navigation started by a timer needs an event-loop turn to show: wait for one, bounded.
  await page.waitForEvent('framenavigated', { timeout: 1500 }).catch(() => {});
  const final = page.mainFrame().url();
  const why = foreign(final);
  if (why) problems.push(`ended on ${final} (${why})`);
  await context.close();
  return problems;
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
let failed = 0;
let passed = 0;
for (const path of paths) {
  for (const uaName of Object.keys(USER_AGENTS)) {
    for (const refName of Object.keys(REFERERS)) {
      const problems = await check(browser, path, uaName, refName);
      const label = `${path} ua=${uaName} referer=${refName}`;
      if (problems.length === 0) {
        passed += 1;
        console.log(`PASS ${label}`);
      } else {
        failed += 1;
        console.log(`FAIL ${label}`);
        for (const p of [...new Set(problems)].slice(0, 8)) console.log(`     ${p}`);
      }
    }
  }
}
await browser.close();
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
