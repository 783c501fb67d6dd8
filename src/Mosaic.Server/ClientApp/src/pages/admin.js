import { h, clear, field, select } from '../dom.js';
import { t } from '../i18n.js';
import { get, post } from '../api.js';

const ROLES = ['admin', 'manager', 'analyst', 'enumerator', 'viewer'];

// Users and the audit log, for administrators.
export async function admin(main) {
  const usersBox = h('section', { 'aria-labelledby': 'users-title' });
  const auditBox = h('section', { 'aria-labelledby': 'audit-title' });
  const name = h('input', { type: 'text', required: true, autocomplete: 'off' });
  const role = select(ROLES.map(r => ({ value: r, label: t(`role.${r}`) })), 'viewer');
  const scope = h('input', { type: 'text', autocomplete: 'off' });
  const status = h('p', { role: 'status' });
  const form = h('form', {
    class: 'controls',
    onsubmit: async e => {
      e.preventDefault();
      try {
        const added = await post('/api/users', { user_name: name.value, role: role.value, scope: scope.value || null });
        status.textContent = t('admin.added', { user: added.user.user_name, password: added.generated_password });
        name.value = '';
        await showUsers();
      } catch (err) {
        status.textContent = err.message;
      }
    },
  }, field(t('admin.name'), name), field(t('admin.role'), role), field(t('admin.scope'), scope, t('admin.scopehint')),
  h('button', { type: 'submit' }, t('admin.add')));
  main.append(usersBox, h('h2', {}, t('admin.new')), form, status, auditBox);

  async function showUsers() {
    const users = await get('/api/users');
    clear(usersBox).append(h('h2', { id: 'users-title' }, t('admin.users')),
      h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t('admin.users') },
        h('table', { class: 'data' }, h('caption', {}, t('admin.users')),
          h('thead', {}, h('tr', {}, ['name', 'role', 'scope', 'state', 'action'].map(k => h('th', { scope: 'col' }, t(`admin.${k}`))))),
          h('tbody', {}, users.map(u => h('tr', {},
            h('td', {}, u.user_name), h('td', {}, t(`role.${u.role}`)), h('td', {}, u.scope || t('scope.all')),
            h('td', {}, u.disabled ? t('admin.disabled') : t('admin.active')),
            h('td', {}, h('button', {
              type: 'button', class: 'small', 'aria-label': `${u.disabled ? t('admin.enable') : t('admin.disable')} ${u.user_name}`,
              onclick: async () => { await post(`/api/users/${encodeURIComponent(u.user_name)}/${u.disabled ? 'enable' : 'disable'}`); await showUsers(); },
            }, u.disabled ? t('admin.enable') : t('admin.disable')))))))));
  }

  async function showAudit() {
    const entries = await get('/api/audit?limit=100');
    clear(auditBox).append(h('h2', { id: 'audit-title' }, t('admin.audit')),
      entries.length === 0 ? h('p', {}, t('admin.noaudit')) :
        h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t('admin.audit') },
          h('table', { class: 'data' }, h('caption', {}, t('admin.audit')),
            h('thead', {}, h('tr', {}, ['at', 'actor', 'action', 'subject', 'scope', 'count'].map(k => h('th', { scope: 'col' }, t(`audit.${k}`))))),
            h('tbody', {}, entries.map(e => h('tr', {},
              h('td', {}, e.at.replace('T', ' ').slice(0, 19)), h('td', {}, e.actor), h('td', {}, e.action), h('td', {}, e.subject),
              h('td', {}, e.scope || t('scope.all')), h('td', {}, `${e.households} / ${e.persons}`)))))));
  }

  await Promise.all([showUsers(), showAudit()]);
}
