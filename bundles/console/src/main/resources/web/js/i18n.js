// Messages from i18n/<lang>.json; dates in the site's time zone, always with its offset.
const LANGUAGES = ['en', 'vi'];
const STORE_KEY = 'urbis.language';

let messages = {};
let language = 'en';
let zone = 'UTC';

export const languages = () => LANGUAGES;
export const currentLanguage = () => language;

export function preferredLanguage() {
  const stored = localStorage.getItem(STORE_KEY);
  if (LANGUAGES.includes(stored)) return stored;
  const browser = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return LANGUAGES.includes(browser) ? browser : 'en';
}

export async function useLanguage(lang, remember = false) {
  const response = await fetch(`i18n/${lang}.json`);
  messages = await response.json();
  language = lang;
  document.documentElement.lang = lang;
  if (remember) localStorage.setItem(STORE_KEY, lang);
}

export function useZone(siteZone) {
  zone = siteZone || 'UTC';
}

// t('device.since', {time}) fills {time} into the message.
export function t(key, vars = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => vars[name] ?? '');
}

// The name of an enumeration's value (health, quality, command state...), or the value itself.
export function term(group, value) {
  return messages[`${group}.${value}`] ?? value ?? '';
}

// The user's own locale when it speaks the chosen language, else the language alone.
function locale() {
  const browser = navigator.language || language;
  return browser.toLowerCase().startsWith(language) ? browser : language;
}

export function formatTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'shortOffset',
  }).format(new Date(iso));
}

export function formatClock(iso) {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: zone, hour: '2-digit', minute: '2-digit', timeZoneName: 'shortOffset',
  }).format(new Date(iso));
}

export function formatNumber(n, digits = 2) {
  return typeof n === 'number'
    ? new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n)
    : String(n ?? '');
}

// Minutes past midnight in the site's zone, to place an event on a day's timeline.
export function minuteOfDay(iso) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(iso));
  const part = type => Number(parts.find(p => p.type === type).value);
  return part('hour') * 60 + part('minute');
}

// The calendar day (YYYY-MM-DD) of an instant in the site's zone.
export function siteDay(iso) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(iso));
}
