import { h, clear, field, select } from '../dom.js';
import { t } from '../i18n.js';
import { get, query } from '../api.js';
import { tabulate, TOTAL } from '../tabulation.js';
import { formatValue } from '../charts.js';

const DIMENSIONS = ['adm4', 'village', 'migratory_status', 'sex', 'age_group', 'disability', 'head_sex'];

// Tables: any indicator by chosen dimensions, suppressed cells marked, downloads in CSV, HXL and XLSX.
export async function tables(main, user) {
  const { indicators: catalogue } = await get('/api/indicators');
  const state = { indicator: 'population', by: ['adm4', 'sex'] };
  const form = h('form', { class: 'controls', onsubmit: e => { e.preventDefault(); show(); } });
  const out = h('section', { 'aria-live': 'polite' });
  main.append(form, out);

  const indicator = select(catalogue.map(i => ({ value: i.id, label: i.label })), state.indicator,
    { onchange: e => { state.indicator = e.target.value; } });
  const boxes = h('fieldset', {}, h('legend', {}, t('tables.dimensions')),
    DIMENSIONS.map(d => {
      const id = `dim-${d}`;
      return h('span', { class: 'check' },
        h('input', { type: 'checkbox', id, value: d, checked: state.by.includes(d),
          onchange: e => { state.by = e.target.checked ? [...state.by, d] : state.by.filter(x => x !== d); } }),
        h('label', { for: id }, t(`dim.${d}`)));
    }));
  form.append(field(t('overview.indicator'), indicator), boxes, h('button', { type: 'submit' }, t('tables.show')));

  async function show() {
    clear(out);
    if (state.by.length === 0) {
      out.append(h('p', { role: 'alert' }, t('tables.pick')));
      return;
    }
    const tab = await tabulate(state.indicator, state.by, user.scope);
    const share = tab.table.metadata.measure === 'share';
    const caption = t('tables.caption', { indicator: tab.table.metadata.label, dims: state.by.map(d => t(`dim.${d}`)).join(' × ') });
    const headers = [...state.by.map(d => t(`dim.${d}`)), t('tables.value')];
    const rows = tab.table.rows.map(r => [
      ...state.by.map(d => (r[d] === TOTAL ? t('tables.total') : tab.label(d, r[d]))),
      r.suppressed ? h('span', { class: 'suppressed', title: t('value.suppressed') }, '·', h('span', { class: 'visually-hidden' }, t('value.suppressed'))) : formatValue(r.value, share),
    ]);
    const downloads = h('p', { class: 'downloads' }, t('tables.download'), ' ',
      ['csv', 'hxl', 'xlsx'].map(f => h('a', {
        href: `/api/tabulations?${query({ indicator: state.indicator, by: state.by.join(','), area: user.scope, format: f })}`,
        download: '', class: 'button', 'data-format': f,
      }, f.toUpperCase())));
    const canDownload = user.capabilities.includes('export_tables');
    out.append(
      canDownload ? downloads : null,
      h('p', { class: 'rule' }, tab.table.metadata.disclosure_rule),
      h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
        h('table', { class: 'data' },
          h('caption', {}, caption),
          h('thead', {}, h('tr', {}, headers.map(x => h('th', { scope: 'col' }, x)))),
          h('tbody', {}, rows.map(r => h('tr', {}, r.map(c => h('td', {}, c))))))));
  }

  await show();
}
