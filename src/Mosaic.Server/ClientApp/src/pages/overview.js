import { h, clear, append, field, select } from '../dom.js';
import { t } from '../i18n.js';
import { get, query } from '../api.js';
import { tabulate, levelDimension, TOTAL } from '../tabulation.js';
import { choropleth, bars, formatValue } from '../charts.js';

const BREAKDOWNS = ['migratory_status', 'sex', 'age_group', 'disability'];

// Overview: a choropleth of any indicator by area level; click an area to drill down; key figures and breakdowns.
export async function overview(main, user) {
  const [{ indicators: catalogue }, areas] = await Promise.all([get('/api/indicators'), get('/api/areas')]);
  const byCode = new Map(areas.map(a => [a.pcode, a]));
  const root = user.scope ? byCode.get(user.scope) : areas.find(a => !a.parent_pcode || !byCode.has(a.parent_pcode));
  const levels = [...new Set(areas.map(a => a.level))].sort((a, b) => a - b);
  const state = { indicator: 'population', focus: defaultFocus(areas, root), level: null };
  state.level = nextLevel(levels, byCode.get(state.focus).level);

  const controls = h('form', { class: 'controls', onsubmit: e => e.preventDefault() });
  const mapBox = h('section', { class: 'map-box', 'aria-labelledby': 'map-title' });
  const figures = h('section', { class: 'figures', 'aria-live': 'polite', 'aria-labelledby': 'figures-title' });
  main.append(controls, h('div', { class: 'overview' }, mapBox, figures));

  function renderControls() {
    const indicator = select(catalogue.map(i => ({ value: i.id, label: i.label })), state.indicator,
      { onchange: e => { state.indicator = e.target.value; refresh(); } });
    const deeper = levels.filter(l => l > byCode.get(state.focus).level);
    const level = select(deeper.map(l => ({ value: l, label: t('level.n', { n: l }) })), state.level,
      { onchange: e => { state.level = Number(e.target.value); refresh(); } });
    const focus = byCode.get(state.focus);
    append(clear(controls), [
      field(t('overview.indicator'), indicator),
      field(t('overview.level'), level),
      h('p', { class: 'focus' }, t('overview.focus', { name: focus.name, pcode: focus.pcode })),
      focus.pcode !== root.pcode && focus.parent_pcode
        ? h('button', { type: 'button', onclick: () => drillTo(focus.parent_pcode) }, t('overview.up')) : null]);
  }

  function drillTo(pcode) {
    const area = byCode.get(pcode);
    const below = nextLevel(levels, area.level);
    if (below !== null) {
      state.focus = pcode;
      state.level = below;
    } else {
      state.focus = pcode;
    }
    refresh();
  }

  async function refresh() {
    renderControls();
    const indicator = catalogue.find(i => i.id === state.indicator);
    const share = indicator.measure === 'share';
    await Promise.all([renderMap(indicator, share), renderFigures(indicator, share)]);
  }

  async function renderMap(indicator, share) {
    const focus = byCode.get(state.focus);
    if (state.level === null) {
      clear(mapBox).append(h('h2', { id: 'map-title' }, focus.name), h('p', {}, t('overview.nochildren')));
      return;
    }
    const [geo, table] = await Promise.all([
      get(`/api/areas/boundaries?${query({ level: state.level })}`),
      tabulate(indicator.id, [levelDimension(state.level)], focus.pcode),
    ]);
    const inFocus = geo.features.filter(f => isBelow(byCode, f.properties.pcode, focus.pcode));
    const values = {};
    for (const f of inFocus) {
      const c = table.cell({ [levelDimension(state.level)]: f.properties.pcode });
      values[f.properties.pcode] = c ? { value: c.value, suppressed: c.suppressed } : { value: null, suppressed: true };
    }
    const title = t('map.title', { indicator: indicator.label, level: state.level, area: focus.name });
    clear(mapBox).append(h('h2', { id: 'map-title' }, title));
    if (inFocus.length === 0) {
      mapBox.append(h('p', {}, t('map.noboundaries')));
      return;
    }
    const { svg, legend } = choropleth({ features: inFocus, values, share, title, selected: null, onSelect: drillTo });
    mapBox.append(h('div', { class: 'map-row' }, svg, legend), h('p', { class: 'hint' }, t('map.hint')));
  }

  async function renderFigures(indicator, share) {
    const focus = byCode.get(state.focus);
    const [population, households, ...parts] = await Promise.all([
      tabulate('population', ['sex'], focus.pcode),
      tabulate('households', ['head_sex'], focus.pcode),
      ...BREAKDOWNS.map(d => tabulate(indicator.id, [d], focus.pcode)),
    ]);
    const main = parts[0].total();
    const figure = (label, cell, isShare) => h('div', { class: 'figure' },
      h('span', { class: 'figure-value', 'data-suppressed': cell?.suppressed ? 'true' : 'false' }, formatValue(cell?.value ?? null, isShare)),
      h('span', { class: 'figure-label' }, label));
    clear(figures).append(
      h('h2', { id: 'figures-title' }, t('figures.title', { area: focus.name })),
      h('div', { class: 'figure-row', 'data-area': focus.pcode },
        figure(t('figures.population'), population.total(), false),
        figure(t('figures.households'), households.total(), false),
        figure(indicator.label, main, share)));
    BREAKDOWNS.forEach((dim, i) => {
      const tab = parts[i];
      const items = tab.categories(dim).map(c => {
        const cell = tab.cell({ [dim]: c.code });
        return { label: c.label, value: cell?.value ?? null, suppressed: cell ? cell.suppressed : true };
      });
      const title = t('figures.by', { indicator: indicator.label, dimension: t(`dim.${dim}`) });
      figures.append(h('figure', { class: 'breakdown' }, h('figcaption', {}, title), bars({ items, share, title })));
    });
  }

  await refresh();
}

function defaultFocus(areas, root) {
  // Start where there is something to map: go down while only one child area has boundaries below it.
  const byParent = new Map();
  for (const a of areas) byParent.set(a.parent_pcode, [...(byParent.get(a.parent_pcode) || []), a]);
  const drawable = new Map();
  const hasMap = a => {
    if (!drawable.has(a.pcode)) drawable.set(a.pcode, a.has_boundary || (byParent.get(a.pcode) || []).some(hasMap));
    return drawable.get(a.pcode);
  };
  let focus = root;
  for (;;) {
    const children = (byParent.get(focus.pcode) || []).filter(hasMap);
    if (children.length !== 1) return focus.pcode;
    [focus] = children;
  }
}

function nextLevel(levels, level) {
  const deeper = levels.filter(l => l > level);
  return deeper.length ? deeper[0] : null;
}

function isBelow(byCode, pcode, ancestor) {
  for (let a = byCode.get(pcode); a; a = byCode.get(a.parent_pcode)) if (a.pcode === ancestor) return true;
  return false;
}

export { TOTAL };
