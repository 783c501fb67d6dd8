import { h } from '../dom.js';
import { t, number } from '../i18n.js';
import { get } from '../api.js';
import { timeSeries } from '../charts.js';

// Mobility: key-informant totals per round and their change, and flow time series with closures marked.
export async function mobility(main) {
  const [summary, flows] = await Promise.all([get('/api/mobility/summary'), get('/api/mobility/flows')]);
  main.append(h('h2', {}, t('mobility.rounds')));
  if (summary.rounds.length === 0) main.append(h('p', {}, t('mobility.norounds')));
  else {
    main.append(h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t('mobility.rounds') },
      h('table', { class: 'data' }, h('caption', {}, t('mobility.rounds')),
        h('thead', {}, h('tr', {}, ['round', 'date', 'area', 'type', 'individuals', 'households'].map(k => h('th', { scope: 'col' }, t(`mobility.${k}`))))),
        h('tbody', {}, summary.rounds.map(r => h('tr', {},
          h('td', {}, r.round), h('td', {}, r.reporting_date), h('td', {}, r.area_name), h('td', {}, t(`pop.${r.population_type}`)),
          h('td', {}, number(r.individuals)), h('td', {}, r.households === null ? '–' : number(r.households))))))));
  }
  if (summary.changes.length > 0) {
    main.append(h('h2', {}, t('mobility.changes')),
      h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t('mobility.changes') },
        h('table', { class: 'data' }, h('caption', {}, t('mobility.changes')),
          h('thead', {}, h('tr', {}, ['from', 'to', 'area', 'type', 'change', 'percent'].map(k => h('th', { scope: 'col' }, t(`mobility.${k}`))))),
          h('tbody', {}, summary.changes.map(c => h('tr', {},
            h('td', {}, c.from_round), h('td', {}, c.to_round), h('td', {}, c.area_name), h('td', {}, t(`pop.${c.population_type}`)),
            h('td', {}, number(c.like_for_like_change)), h('td', {}, c.like_for_like_change_pct === null ? "–" : `${number(c.like_for_like_change_pct, 1)} %`)))))));
  }
  main.append(h('h2', {}, t('mobility.flows')));
  if (flows.points.length === 0) {
    main.append(h('p', {}, t('mobility.noflows')));
    return;
  }
  for (const point of flows.points) {
    const title = t('mobility.flowtitle', { point: point.name });
    const series = ['in', 'out'].map(dir => ({
      label: t(`direction.${dir}`),
      points: point.days.map(d => ({ date: d.date, value: d[dir] })),
    }));
    main.append(h('figure', { class: 'flow' }, h('figcaption', {}, title), timeSeries({ series, events: point.events, title }),
      point.events.length ? h('ul', { class: 'events' }, point.events.map(e => h('li', {}, t('mobility.event', { kind: t(`event.${e.kind}`), from: e.from, to: e.to })))) : null));
  }
}
