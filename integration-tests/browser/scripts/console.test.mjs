// Browser scenarios of the web console against a running Urbis demo:
//   node scripts/console.test.mjs <base URL> <screenshot folder>
// Exits 0 when every scenario passes. Synchronises on selectors and conditions, never on sleeps.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base = 'http://127.0.0.1:8181', shots = 'target/screenshots'] = process.argv.slice(2);
// The luminaire the test's inventory adds without a node behind it: its NODE_SILENT alarm is certain.
const SILENT_LUMINAIRE = process.env.URBIS_SILENT_DEVICE || 'SL-PT-090';
const CABINET = 'CAB-PT-01';
// The silent luminaire's cabinet, which holds nothing else: putting it in maintenance touches no other scenario.
const SILENT_CABINET = 'CAB-PT-09';
const WAIT = 30_000;
// How long to back off when a luminaire refused a command for its rate (it takes one a second).
const RATE_BACKOFF_MS = 1_000;

mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-default-apps'],
});

let failures = 0;
async function scenario(name, page, run) {
  const started = Date.now();
  try {
    await run();
    console.log(`PASS ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}: ${e.stack || e}`);
    await page.screenshot({ path: join(shots, `failed-${name}.png`), fullPage: true }).catch(() => {});
  }
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

// A browser context as a phone or a desktop, in UTC, so that the site's own zone must come from the site.
async function session(user, password, options = {}) {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', ...options });
  const page = await context.newPage();
  page.on('pageerror', e => console.log(`page error: ${e.message}`));
  await page.goto(base + '/');
  await page.fill('#login-form input[name=username]', user);
  await page.fill('#login-form input[name=password]', password);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#user', { timeout: WAIT });
  return page;
}

// The API as the logged-in page sees it (same cookie).
async function apiGet(page, path) {
  const response = await page.request.get(base + '/api/v1' + path);
  check(response.ok(), `GET ${path} answered ${response.status()}`);
  return response.json();
}

const operator = await session('operator', 'demo-operator', { viewport: { width: 1280, height: 900 } });
const devices = (await apiGet(operator, '/devices')).devices;

await scenario('map-shows-every-located-device', operator, async () => {
  const located = devices.filter(d => d.location).length;
  check(located > 0, 'the demo has no located device');
  await operator.waitForSelector(`#map[data-markers="${located}"]`, { timeout: WAIT });
  await operator.waitForSelector('#map canvas', { timeout: WAIT });
  check((await operator.textContent('#user')).includes('operator'), 'the header does not show the user');
  await operator.screenshot({ path: join(shots, 'map.png') });
});

await scenario('map-shows-each-parking-sites-free-bays', operator, async () => {
  const response = await operator.request.get(base + '/public/parking/v3/sites');
  check(response.ok(), `the public parking feed answered ${response.status()}`);
  const sites = (await response.json()).items;
  check(sites.length > 0, 'the demo has no parking site');
  await operator.waitForSelector(`#map[data-parking-sites="${sites.length}"]`, { timeout: WAIT });
  const labels = await operator.$$eval('#map .parking-site', els => els.map(e => e.textContent));
  for (const site of sites) {
    check(labels.some(l => new RegExp(`^P \\d+/${site.capacity}$`).test(l)),
      `no marker "P <free>/${site.capacity}" for ${site.name} among ${JSON.stringify(labels)}`);
  }
  await operator.screenshot({ path: join(shots, 'map-parking.png') });
});

await scenario('device-list-and-detail', operator, async () => {
  await operator.goto(base + '/#/devices');
  await operator.waitForSelector(`.device-row[data-id="${devices[0].id}"]`, { timeout: WAIT });
  check(await operator.locator('.device-row').count() === devices.length, 'the list does not hold every device');
  await operator.screenshot({ path: join(shots, 'devices.png'), fullPage: true });
  const luminaire = devices.find(d => d.tags?.cabinet === CABINET);
  await operator.click(`.device-row[data-id="${luminaire.id}"] a`);
  await operator.waitForSelector(`#device[data-id="${luminaire.id}"] #points tr[data-point]`, { timeout: WAIT });
  // every time shown carries the site's offset, not the browser's UTC
  const site = await apiGet(operator, '/site');
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: site.zone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date()).find(part => part.type === 'timeZoneName').value;
  const since = await operator.textContent('.health-why');
  check(since.includes(offset), `no ${offset} of ${site.zone} in "${since}"`);
  await operator.screenshot({ path: join(shots, 'device.png'), fullPage: true });
});

await scenario('dim-a-cabinet-and-watch-each-luminaire-confirm', operator, async () => {
  const luminaires = (await apiGet(operator, `/devices?group=${encodeURIComponent(`cabinet=${CABINET}`)}`)).devices;
  check(luminaires.length >= 2, `cabinet ${CABINET} has ${luminaires.length} luminaires`);
  // What the page's EventSource receives, to prove the states arrive on the live stream.
  const streamed = new Set();
  const cdp = await operator.context().newCDPSession(operator);
  await cdp.send('Network.enable');
  cdp.on('Network.eventSourceMessageReceived', ({ eventName, data }) => {
    const change = eventName === 'command' ? JSON.parse(data) : {};
    if (change.state === 'CONFIRMED' && change.device) streamed.add(change.device);
  });
  await operator.goto(base + '/#/command');
  await operator.reload(); // a stream opened after Network.enable, so that its messages are seen
  await operator.waitForSelector('body[data-live="open"]', { timeout: WAIT });
  await operator.fill('#command-form input[name=point]', 'dim');
  await operator.fill('#command-form input[name=reason]', 'browser test: evening dimming');
  // a setpoint beyond the point's limits is refused, and the page says why
  await operator.fill('#command-form input[name=target]', luminaires[0].id);
  await operator.fill('#command-form input[name=value]', '150');
  await operator.click('#send-command');
  await operator.waitForSelector('#command-result .problem:has-text("OUT_OF_LIMITS")', { timeout: WAIT });
  await operator.fill('#command-form input[name=target]', `group:cabinet=${CABINET}`);
  await operator.fill('#command-form input[name=value]', '40');
  // The demo's schedules push levels and programs while the luminaires connect; a luminaire that had
  // all its commands for the moment is refused RATE_LIMITED, rightly. Such a dim is sent again.
  const ids = luminaires.map(l => l.id);
  const deadline = Date.now() + WAIT;
  for (;;) {
    const before = await operator.$eval('#command-result', el => el.querySelector('h2')?.textContent ?? '');
    await operator.click('#send-command');
    await operator.waitForFunction(({ ids, before }) => {
      const heading = document.querySelector('#command-result h2')?.textContent ?? '';
      const final = ['CONFIRMED', 'REJECTED', 'FAILED', 'TIMED_OUT', 'UNKNOWN'];
      return heading !== before && ids.every(id =>
        final.includes(document.querySelector(`.command-device[data-device="${id}"]`)?.dataset.state));
    }, { ids, before }, { timeout: WAIT });
    const limited = await operator.$$eval('.command-device[data-state="REJECTED"]',
      rows => rows.some(row => row.textContent.includes('RATE_LIMITED')));
    if (!limited || Date.now() > deadline) break;
    await operator.waitForTimeout(RATE_BACKOFF_MS);
  }
  for (const luminaire of luminaires) {
    await operator.waitForSelector(`.command-device[data-device="${luminaire.id}"][data-state="CONFIRMED"]`, { timeout: WAIT });
    check(streamed.has(luminaire.id), `${luminaire.id}'s CONFIRMED did not come over the live stream`);
  }
  await cdp.detach();
  await operator.screenshot({ path: join(shots, 'command-confirmed.png'), fullPage: true });

  // a luminaire's page follows its values live: another dim shows without a reload
  const luminaire = luminaires[0].id;
  await operator.goto(base + `/#/device/${luminaire}`);
  await operator.waitForSelector('#points tr[data-point="dim"]', { timeout: WAIT });
  const { csrfToken } = await apiGet(operator, '/session');
  // A luminaire takes a few commands a second at most: a 429 (RATE_LIMITED) is waited out, as a client should.
  let dim;
  for (const deadline = Date.now() + WAIT; ;) {
    dim = await operator.request.post(base + '/api/v1/commands', {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { target: luminaire, point: 'dim', value: 55, reason: 'browser test: live value' },
    });
    if (dim.status() !== 429 || Date.now() > deadline) break;
    await operator.waitForTimeout(RATE_BACKOFF_MS);
  }
  check(dim.ok(), `the second dim was answered ${dim.status()}`);
  await operator.waitForSelector('#points tr[data-point="dim"] td:nth-child(2):has-text("55")', { timeout: WAIT });
});

await scenario('a-luminaires-last-day-as-a-chart', operator, async () => {
  const luminaire = devices.find(d => d.tags?.cabinet === CABINET);
  await operator.goto(`${base}/#/device/${encodeURIComponent(luminaire.id)}`);
  await operator.waitForSelector(`#history[data-device="${luminaire.id}"] #history-point`, { timeout: WAIT });
  check(await operator.inputValue('#history-span') === 'P1D', 'the chart does not open on the last day');
  await operator.selectOption('#history-point', 'dim');
  // the cabinet was just dimmed: the dim level's day holds values, drawn as a line over the health band
  await operator.waitForSelector('#history-chart[data-buckets]:not([data-buckets="0"])', { timeout: WAIT });
  await operator.waitForSelector('#history-chart rect.band-health', { timeout: WAIT });
  const csv = await operator.request.get(base + await operator.getAttribute('#history-csv', 'href'));
  check(csv.ok(), `the CSV export answered ${csv.status()}`);
  const lines = (await csv.text()).trim().split('\r\n');
  check(lines[0] === 'time,value,quality,reason' && lines.length > 1, `the CSV export holds no values: ${lines[0]}`);
  await operator.locator('#history').screenshot({ path: join(shots, 'history-chart.png') });
});

await scenario('acknowledge-an-alarm', operator, async () => {
  await operator.goto(base + '/#/alarms');
  const row = `.alarm-row[data-source="${SILENT_LUMINAIRE}"][data-type="NODE_SILENT"]`;
  // the list follows the live stream, so the alarm shows up as soon as the driver raises it
  await operator.click(`${row}[data-state="RAISED"] button.ack`, { timeout: 90_000 });
  await operator.waitForSelector(`${row}[data-state="ACKNOWLEDGED"]`, { timeout: WAIT });
  await operator.screenshot({ path: join(shots, 'alarm-acknowledged.png'), fullPage: true });
});

await scenario('schedule-preview-and-audit-verification', operator, async () => {
  await operator.goto(base + `/#/schedule`);
  await operator.fill('#schedule-form input[name=group]', `cabinet=${CABINET}`);
  await operator.click('#schedule-form button[type=submit]');
  await operator.waitForSelector('#schedule-events tbody tr', { timeout: WAIT });
  await operator.screenshot({ path: join(shots, 'schedule.png'), fullPage: true });
  await operator.goto(base + '/#/audit');
  await operator.click('#verify-audit', { timeout: WAIT });
  await operator.waitForSelector('#audit-verdict[data-ok="true"]', { timeout: WAIT });
  await operator.screenshot({ path: join(shots, 'audit.png') });
});

await scenario('switch-to-vietnamese-and-stay', operator, async () => {
  await operator.selectOption('#language', 'vi');
  await operator.waitForSelector('nav a[data-route="devices"]:text-is("Thiết bị")', { timeout: WAIT });
  check(await operator.getAttribute('html', 'lang') === 'vi', 'the page is not marked Vietnamese');
  check((await operator.textContent('nav')).includes('Cảnh báo'), 'the navigation is not translated');
  await operator.reload();
  await operator.waitForSelector('nav a[data-route="command"]:text-is("Lệnh điều khiển")', { timeout: WAIT });
  await operator.goto(base + '/#/devices');
  await operator.waitForSelector('.device-row', { timeout: WAIT });
  await operator.screenshot({ path: join(shots, 'devices-vi.png'), fullPage: true });
  await operator.selectOption('#language', 'en');
  await operator.waitForSelector('nav a[data-route="devices"]:text-is("Devices")', { timeout: WAIT });
});

await scenario('crew-view-on-a-phone', operator, async () => {
  const phone = await session('maintenance', 'demo-maintenance', {
    viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  });
  await phone.goto(base + '/#/crew');
  await phone.waitForSelector(`.crew-device[data-id="${SILENT_LUMINAIRE}"]`, { timeout: WAIT });
  await phone.waitForSelector('#crew-origin:not(:text-is(""))', { timeout: WAIT });
  await phone.screenshot({ path: join(shots, 'crew-phone.png'), fullPage: true });
  check(await phone.locator('nav a[data-route="command"]').count() === 0, 'maintenance is offered the command form');
  await phone.context().close();
});

const viewer = await session('viewer', 'demo-viewer', { viewport: { width: 1280, height: 900 } });
await scenario('viewer-may-not-command', viewer, async () => {
  check(await viewer.locator('nav a[data-route="command"]').count() === 0, 'the viewer sees the command link');
  await viewer.goto(base + '/#/command');
  await viewer.waitForSelector('#view .problem', { timeout: WAIT });
  check(await viewer.locator('#command-form, #send-command').count() === 0, 'the viewer sees the command form');
  const { csrfToken } = await apiGet(viewer, '/session');
  const refused = await viewer.request.post(base + '/api/v1/commands', {
    headers: { 'X-CSRF-Token': csrfToken },
    data: { target: `group:cabinet=${CABINET}`, point: 'dim', value: 10, reason: 'a viewer tries' },
  });
  check(refused.status() === 403, `a viewer's command was answered ${refused.status()}`);
  await viewer.screenshot({ path: join(shots, 'viewer-no-command.png') });
  await viewer.click('#logout');
  await viewer.waitForSelector('#login-form', { timeout: WAIT });
  check((await viewer.request.get(base + '/api/v1/session')).status() === 401, 'the session outlived the logout');
});

// Last, so that the cabinet's maintenance refuses none of the commands above.
const crew = await session('maintenance', 'demo-maintenance', { viewport: { width: 1280, height: 900 } });
await scenario('put-a-cabinet-in-maintenance-and-see-the-badge', crew, async () => {
  const target = `group:cabinet=${SILENT_CABINET}`;
  const row = `.maintenance-row[data-target="${target}"]`;
  await crew.goto(base + '/#/maintenance');
  await crew.fill('#maintenance-form input[name=target]', target);
  await crew.fill('#maintenance-form input[name=reason]', 'replacing the node');
  await crew.fill('#maintenance-form input[name=hours]', '2');
  await crew.click('#maintenance-form button[type=submit]');
  await crew.waitForSelector(row, { timeout: WAIT });
  await crew.goto(`${base}/#/device/${encodeURIComponent(SILENT_LUMINAIRE)}`);
  await crew.waitForSelector('h1 span.maintenance', { timeout: WAIT });
  const why = await crew.textContent('#device-maintenance');
  check(why.includes('replacing the node') && why.includes(target), `the device does not say why it is in maintenance: ${why}`);
  await crew.screenshot({ path: join(shots, 'maintenance-badge.png'), fullPage: true });
  await crew.goto(base + '/#/maintenance');
  await crew.click(`${row} button.clear`, { timeout: WAIT });
  await crew.waitForSelector(row, { state: 'detached', timeout: WAIT });
});

const admin = await session('admin', 'demo-admin', { viewport: { width: 1280, height: 900 } });
await scenario('notification-files-masked-checked-and-saved', admin, async () => {
  await admin.goto(base + '/#/notifications');
  const file = '.notify-file[data-name="demo.json"]';
  await admin.waitForSelector(`${file} textarea`, { timeout: WAIT });
  const text = await admin.inputValue(`${file} textarea`);
  check(text.includes('********') && !text.includes('demo-webhook-secret'), 'the webhook secret is shown in clear');
  // a rule naming a channel nobody configured is refused with the field that names it
  const broken = text.replace(/"escalateTo"\s*:\s*\[\s*"ops-webhook"\s*\]/, '"escalateTo": ["pager"]');
  check(broken !== text, `demo.json escalates to ops-webhook no more: ${text}`);
  await admin.fill(`${file} textarea`, broken);
  await admin.click(`${file} button[type=submit]`);
  await admin.waitForSelector(`${file} .file-outcome .problem li`, { timeout: WAIT });
  const problem = await admin.textContent(`${file} .file-outcome .problem`);
  check(problem.includes("'pager'"), `the refusal does not name the unknown channel: ${problem}`);
  // the file as it was, secret still masked, goes back in force
  await admin.fill(`${file} textarea`, text);
  await admin.click(`${file} button[type=submit]`);
  await admin.waitForFunction(f => !document.querySelector(`${f} .file-outcome .problem`)
    && document.querySelector(`${f} .file-outcome`).textContent.includes('demo.json'), file, { timeout: WAIT });
  await admin.screenshot({ path: join(shots, 'notifications.png'), fullPage: true });
});

await browser.close();
console.log(failures ? `${failures} scenario(s) failed` : 'every scenario passed');
process.exit(failures ? 1 : 0);
