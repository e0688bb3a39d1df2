import { login } from '../api.js';
import { fields, h } from '../dom.js';
import { t } from '../i18n.js';

export function loginView(view, signedIn) {
  const problem = h('p', { class: 'problem', role: 'alert' });
  const form = h('form', { id: 'login-form', class: 'card narrow', onsubmit: submit },
    h('h1', {}, t('session.title')),
    h('label', {}, t('session.username'), h('input', { name: 'username', autocomplete: 'username', required: true })),
    h('label', {}, t('session.password'),
      h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    h('button', { type: 'submit' }, t('session.login')),
    problem);
  view.append(form);

  async function submit(event) {
    event.preventDefault();
    problem.textContent = '';
    const { username, password } = fields(form);
    try {
      await login(username, password);
      await signedIn();
    } catch (e) {
      problem.textContent = e.status === 401 ? t('session.refused') : e.status === 429 ? t('session.tooMany') : e.message;
    }
  }
}
