import { h } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';

// The indicator catalogue with its SDG targets and GCM objectives.
export async function indicators(main) {
  const { indicators: list } = await get('/api/indicators');
  main.append(h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t('indicators.caption') },
    h('table', { class: 'data' },
      h('caption', {}, t('indicators.caption')),
      h('thead', {}, h('tr', {}, ['id', 'label', 'unit', 'measure', 'sdg', 'gcm'].map(k => h('th', { scope: 'col' }, t(`indicators.${k}`))))),
      h('tbody', {}, list.map(i => h('tr', {},
        h('td', {}, h('code', {}, i.id)),
        h('td', {}, h('strong', {}, i.label), i.description ? h('br') : null, i.description ? h('small', {}, i.description) : null),
        h('td', {}, t(`unit.${i.unit}`)),
        h('td', {}, t(`measure.${i.measure}`)),
        h('td', {}, i.sdg.join(', ')),
        h('td', {}, i.gcm.join(', '))))))));
}
