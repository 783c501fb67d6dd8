import { h, clear, field } from './dom.js';
import { t, setLanguage, initialLanguage, languages, language } from './i18n.js';
import { get, post, refreshToken, whenUnauthorized, ApiError } from './api.js';
import { overview } from './pages/overview.js';
import { tables } from './pages/tables.js';
import { targeting } from './pages/targeting.js';
import { mobility } from './pages/mobility.js';
import { data } from './pages/data.js';
import { indicators } from './pages/indicators.js';
import { admin } from './pages/admin.js';
import { apiReference } from './pages/api.js';

// Pages, in menu order; "needs" is the capability the signed-in role must have to see the page.
const pages = [
  { id: 'overview', render: overview },
  { id: 'tables', render: tables },
  { id: 'targeting', render: targeting, needs: 'run_targeting' },
  { id: 'mobility', render: mobility },
  { id: 'data', render: data, needs: 'import' },
  { id: 'indicators', render: indicators },
  { id: 'admin', render: admin, needs: 'manage_users' },
  { id: 'api', render: apiReference },
];

const root = document.getElementById('app');
let user = null;

function pageFromHash() {
  const id = (location.hash || '#/overview').replace(/^#\//, '').split('?')[0];
  const allowed = pages.filter(p => !p.needs || user.capabilities.includes(p.needs));
  return allowed.find(p => p.id === id) || allowed[0];
}

function languagePicker() {
  const s = h('select', { id: 'language', onchange: e => { setLanguage(e.target.value); start(); } },
    Object.keys(languages).map(l => h('option', { value: l, selected: l === language() }, languages[l]['language.name'])));
  return h('div', { class: 'language' }, h('label', { for: 'language' }, t('language.label')), s);
}

function signInPage(message) {
  document.title = `${t('signin.title')} · Mosaic`;
  const name = h('input', { type: 'text', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const status = h('p', { class: 'error', role: 'alert' }, message || '');
  const form = h('form', {
    class: 'signin card',
    onsubmit: async e => {
      e.preventDefault();
      status.textContent = '';
      try {
        await refreshToken();
        await post('/api/auth/sign-in', { user_name: name.value, password: password.value });
        await refreshToken();
        await start();
      } catch (err) {
        status.textContent = err instanceof ApiError && err.status === 429 ? t('signin.throttled') : t('signin.failed');
      }
    },
  },
  h('h1', {}, t('signin.title')),
  field(t('signin.user'), name),
  field(t('signin.password'), password),
  h('button', { type: 'submit' }, t('signin.submit')),
  status);
  clear(root).append(h('header', { class: 'top' }, h('span', { class: 'brand' }, 'Mosaic'), languagePicker()), h('main', { id: 'main' }, form));
  name.focus();
}

function shell(page) {
  const nav = h('nav', { 'aria-label': t('nav.label') }, h('ul', {},
    pages.filter(p => !p.needs || user.capabilities.includes(p.needs)).map(p =>
      h('li', {}, h('a', { href: `#/${p.id}`, 'aria-current': p.id === page.id ? 'page' : null }, t(`nav.${p.id}`))))));
  const signOut = h('button', {
    type: 'button', class: 'link',
    onclick: async () => { await post('/api/auth/sign-out'); user = null; await refreshToken(); signInPage(); },
  }, t('signout'));
  const who = h('span', { class: 'who' }, t('signedin', { user: user.user_name, role: t(`role.${user.role}`), scope: user.scope || t('scope.all') }));
  const main = h('main', { id: 'main', tabindex: -1 });
  clear(root).append(
    h('a', { href: '#main', class: 'skip' }, t('skip')),
    h('header', { class: 'top' }, h('span', { class: 'brand' }, 'Mosaic'), nav, h('div', { class: 'account' }, who, signOut, languagePicker())),
    main);
  return main;
}

async function route() {
  const page = pageFromHash();
  const main = shell(page);
  document.title = `${t(`nav.${page.id}`)} · Mosaic`;
  main.append(h('h1', {}, t(`nav.${page.id}`)));
  try {
    await page.render(main, user);
  } catch (err) {
    main.append(h('p', { class: 'error', role: 'alert' }, err.message));
  }
}

async function start() {
  setLanguage(language());
  try {
    user = await get('/api/auth/me');
  } catch {
    user = null;
    signInPage();
    return;
  }
  await route();
}

whenUnauthorized(() => { user = null; refreshToken().then(() => signInPage(t('signin.expired'))); });
window.addEventListener('hashchange', () => { if (user) route(); });
setLanguage(initialLanguage());
start();
