// The console's shell: header, navigation, hash routes, language switch.
import { get, logout, may, resume, user } from './api.js';
import { h, replace } from './dom.js';
import { currentLanguage, languages, preferredLanguage, t, term, useLanguage, useZone } from './i18n.js';
import { connect, disconnect } from './live.js';
import { site, useSite } from './site.js';
import { loginView } from './views/login.js';
import { mapView } from './views/map.js';
import { deviceListView } from './views/device-list.js';
import { deviceView } from './views/device.js';
import { alarmsView } from './views/alarms.js';
import { commandView } from './views/command.js';
import { scheduleView } from './views/schedule.js';
import { auditView } from './views/audit.js';
import { crewView } from './views/crew.js';
import { maintenanceView } from './views/maintenance.js';
import { notificationsView } from './views/notifications.js';
import { gridView } from './views/grid.js';

// Route name -> [view, who may open it]; a view gets the element to fill and the route's argument
// and may return a function that tears it down (listeners, the map).
const ROUTES = {
  map: [mapView],
  devices: [deviceListView],
  device: [deviceView],
  alarms: [alarmsView],
  command: [commandView, 'command'],
  schedule: [scheduleView],
  audit: [auditView, 'audit'],
  crew: [crewView],
  maintenance: [maintenanceView],
  notifications: [notificationsView, 'audit'],
  grid: [gridView],
};
const NAVIGATION = ['map', 'devices', 'alarms', 'command', 'schedule', 'audit', 'crew', 'maintenance', 'notifications', 'grid'];

let teardown = null;

function header() {
  const top = document.getElementById('top');
  const links = NAVIGATION.filter(name => !ROUTES[name][1] || may(ROUTES[name][1]))
    .map(name => h('a', { href: `#/${name}`, 'data-route': name }, t(`nav.${name}`)));
  replace(top,
    h('a', { class: 'brand', href: '#/map' }, 'Urbis'),
    // every time on the page is in this zone, so the zone is always in sight
    user && h('span', { class: 'site', id: 'site-zone' }, [site.name, `${site.zone} (UTC${site.utcOffset})`].filter(Boolean).join(' · ')),
    user && h('nav', {}, links),
    h('span', { class: 'spacer' }),
    h('span', { id: 'live', title: t('live.title') }),
    h('select', { id: 'language', 'aria-label': t('language.label'), onchange: e => switchLanguage(e.target.value) },
      languages().map(lang => h('option', { value: lang, selected: lang === currentLanguage() }, t(`language.${lang}`)))),
    user && h('span', { id: 'user' }, user.username, ' ',
      h('small', { id: 'roles' }, user.roles.map(role => term('role', role)).join(', '))),
    user && h('button', { id: 'logout', type: 'button', onclick: signOut }, t('session.logout')));
}

async function switchLanguage(lang) {
  await useLanguage(lang, true);
  render();
}

async function signOut() {
  await logout().catch(() => {});
  disconnect();
  go('#/login');
}

// Renders the route once: through hashchange when the hash changes, at once when it does not.
function go(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

let rendering = 0;

async function render() {
  const turn = ++rendering;
  teardown?.();
  teardown = null;
  header();
  // Each render fills a page of its own, so a slower earlier one never writes into a later one.
  const page = h('div', { class: 'page' });
  replace(document.getElementById('view'), page);
  const [, name = 'map', ...rest] = location.hash.replace(/^#/, '').split('/');
  if (!user) {
    loginView(page, signedIn);
    return;
  }
  const [show, action] = ROUTES[name] || ROUTES.map;
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('current', a.dataset.route === name));
  if (action && !may(action)) {
    page.append(h('p', { class: 'problem' }, t('error.forbidden')));
    return;
  }
  try {
    const stop = await show(page, decodeURIComponent(rest.join('/')));
    if (turn === rendering) teardown = stop;
    else stop?.();
  } catch (e) {
    page.append(h('p', { class: 'problem', role: 'alert' }, e.message));
  }
}

async function signedIn() {
  useSite(await get('/site'));
  useZone(site.zone);
  connect();
  go(!location.hash || location.hash === '#/login' ? '#/map' : location.hash);
}

async function start() {
  await useLanguage(preferredLanguage());
  window.addEventListener('hashchange', render);
  window.addEventListener('urbis:logged-out', () => { disconnect(); render(); });
  window.addEventListener('urbis:reset', render);
  if (await resume()) await signedIn();
  else render();
}

start();
