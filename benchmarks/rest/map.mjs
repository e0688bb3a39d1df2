// Times the web console's map: from navigation to the map until its device markers are drawn, in
// Debian's headless Chromium. Prints one JSON line: {"mapMs": ..., "markers": ...}.
//
//   node map.mjs <base-url> <user> <password> <expected-markers> <screenshot.png>
import { chromium } from 'playwright-core';

const [base, user, password, expected, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-default-apps'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // Log in through the API, as the console does, so the map opens on a session.
  const login = await page.request.post(`${base}/api/v1/session`, { data: { username: user, password } });
  if (!login.ok()) throw new Error(`login answered ${login.status()}`);
  await page.goto(`${base}/#/map`);
  // The map marks 'urbis:map-drawn' on the frame after it added its markers; the mark's time counts
  // from the start of the navigation.
  await page.waitForFunction((n) => document.querySelector('#map')?.dataset.markers === String(n)
      && performance.getEntriesByName('urbis:map-drawn').length > 0, Number(expected), { timeout: 60_000 });
  const mapMs = Math.round(await page.evaluate(() => performance.getEntriesByName('urbis:map-drawn')[0].startTime));
  await page.screenshot({ path: screenshot });
  console.log(JSON.stringify({ mapMs, markers: Number(expected) }));
} finally {
  await browser.close();
}
