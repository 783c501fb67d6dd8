import { h } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';

// An offline API reference drawn from the server's own OpenAPI document, with a "try it" for read endpoints.
export async function apiReference(main) {
  const doc = await get('/openapi/v1.json');
  main.append(h('p', {}, t('api.intro'), ' ', h('a', { href: '/openapi/v1.json' }, '/openapi/v1.json')));
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters || []).filter(p => p.in === 'query' || p.in === 'path');
      const inputs = params.map(p => {
        const id = `p-${method}-${path}-${p.name}`.replace(/[^\w-]/g, '_');
        return { p, el: h('input', { id, type: 'text', name: p.name }) };
      });
      const result = h('pre', { class: 'response', tabindex: 0, 'aria-label': t('api.response') });
      const tryIt = method === 'get' ? h('form', {
        class: 'try',
        onsubmit: async e => {
          e.preventDefault();
          let url = path;
          const q = new URLSearchParams();
          for (const { p, el } of inputs) {
            if (!el.value) continue;
            if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(el.value));
            else q.set(p.name, el.value);
          }
          const full = q.toString() ? `${url}?${q}` : url;
          try {
            const body = await get(full);
            result.textContent = typeof body === 'string' ? body.slice(0, 5000) : JSON.stringify(body, null, 2).slice(0, 5000);
          } catch (err) {
            result.textContent = err.message;
          }
        },
      }, inputs.map(({ p, el }) => h('span', { class: 'field inline' }, h('label', { for: el.id }, p.name), el)),
      h('button', { type: 'submit', class: 'small' }, t('api.try'))) : null;
      main.append(h('details', { class: 'operation' },
        h('summary', {}, h('span', { class: `method ${method}` }, method.toUpperCase()), ' ', h('code', {}, path), ' ', op.summary || ''),
        tryIt, tryIt ? result : null));
    }
  }
}
