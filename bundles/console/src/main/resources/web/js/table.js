import { h } from './dom.js';
import { t } from './i18n.js';

// A table with translated headings.
export const table = (id, headings, rows) => h('table', { id },
  h('thead', {}, h('tr', {}, headings.map(key => h('th', {}, t(key))))),
  h('tbody', {}, rows));
