import { h, clear, field, select } from '../dom.js';
import { t, number } from '../i18n.js';
import { get, query } from '../api.js';

// Targeting: a ranked, explained list (by count or budget, with quotas per area), its coverage and errors, download.
export async function targeting(main, user) {
  const areas = await get('/api/areas');
  const mode = select([{ value: 'count', label: t('target.bycount') }, { value: 'budget', label: t('target.bybudget') }], 'count');
  const count = h('input', { type: 'number', min: 1, value: 100, inputmode: 'numeric' });
  const budget = h('input', { type: 'number', min: 1, value: 250000 });
  const transfer = h('input', { type: 'number', min: 1, value: 2500 });
  const quota = select(['proportional', 'equal', 'none'].map(q => ({ value: q, label: t(`quota.${q}`) })), 'proportional');
  const area = select([{ value: '', label: user.scope ? t('target.myscope') : t('scope.all') },
    ...areas.filter(a => a.level <= 4).map(a => ({ value: a.pcode, label: `${a.name} (${a.pcode})` }))], '');
  const excluded = h('input', { type: 'checkbox', id: 'exclude-assisted' });
  const out = h('section', { 'aria-live': 'polite' });
  const budgetFields = h('div', { class: 'inline', hidden: true }, field(t('target.budget'), budget), field(t('target.transfer'), transfer));
  const countField = field(t('target.count'), count);
  mode.addEventListener('change', () => { budgetFields.hidden = mode.value !== 'budget'; countField.hidden = mode.value === 'budget'; });

  const params = () => ({
    count: mode.value === 'count' ? count.value : null,
    budget: mode.value === 'budget' ? budget.value : null,
    transfer: mode.value === 'budget' ? transfer.value : null,
    quota: quota.value,
    area: area.value || null,
    exclude_assisted: excluded.checked ? 'true' : null,
  });

  const form = h('form', { class: 'controls', onsubmit: async e => { e.preventDefault(); await run(); } },
    field(t('target.mode'), mode), countField, budgetFields, field(t('target.quota'), quota), field(t('target.area'), area),
    h('span', { class: 'check' }, excluded, h('label', { for: 'exclude-assisted' }, t('target.excludeassisted'))),
    h('button', { type: 'submit' }, t('target.run')));
  main.append(form, out);

  async function run() {
    clear(out).append(h('p', { role: 'status' }, t('target.running')));
    let list;
    try {
      list = await get(`/api/targeting?${query(params())}`);
    } catch (err) {
      clear(out).append(h('p', { class: 'error', role: 'alert' }, err.message));
      return;
    }
    const q = query(params());
    clear(out).append(
      h('p', { role: 'status', class: 'summary' }, t('target.summary', { selected: number(list.selected), requested: number(list.requested) })),
      h('p', { class: 'downloads' }, t('tables.download'), ' ',
        ['csv', 'xlsx'].map(f => h('a', { class: 'button', href: `/api/targeting?${q}&format=${f}`, download: '', 'data-format': f }, f.toUpperCase()))),
      h('h2', {}, t('target.quotas')),
      simpleTable(t('target.quotas'), [t('target.area'), t('target.quota'), t('target.selected')],
        list.quotas.map(x => [`${x.name} (${x.pcode})`, number(x.quota), number(x.selected)])),
      h('h2', {}, t('target.coverage')),
      simpleTable(t('target.coverage'), [t('target.group'), t('target.share'), t('target.sharehigh')],
        list.coverage.map(c => [c.label, `${number(c.targeted_share * 100, 1)} %`, `${number(c.eligible_share * 100, 1)} %`])),
      list.errors ? h('p', { class: 'errors-line' }, t('target.errors', {
        inclusion: number(list.errors.inclusion_error * 100, 1), exclusion: number(list.errors.exclusion_error * 100, 1),
      })) : null,
      h('h2', {}, t('target.list')),
      simpleTable(t('target.list'), [t('target.rank'), t('target.household'), t('target.area'), t('target.score'), t('target.class'), t('target.why')],
        list.households.map(x => [x.rank, x.household, x.area_name, number(x.score, 3), t(`class.${x.class}`), x.explanation])));
  }
}

function simpleTable(caption, headers, rows) {
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h('table', { class: 'data' }, h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headers.map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows.map(r => h('tr', {}, r.map(c => h('td', {}, c)))))));
}
