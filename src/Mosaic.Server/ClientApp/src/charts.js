import { geoArea, geoMercator, geoPath } from 'd3-geo';
import { scaleQuantize, scaleLinear } from 'd3-scale';
import { schemeBlues } from 'd3-scale-chromatic';
import { max, extent } from 'd3-array';
import { line } from 'd3-shape';
import { t, number } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

// The hatch that marks a suppressed value: drawn as a pattern, never as zero or as the lowest class.
function hatch(id) {
  return s('pattern', { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
    s('rect', { width: 6, height: 6, fill: '#f4f4f4' }),
    s('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#6b6b6b', 'stroke-width': 2 }));
}

export function formatValue(value, share) {
  if (value === null || value === undefined) return t('value.suppressed');
  return share ? `${number(value * 100, 1)} %` : number(value, 1);
}

// A choropleth of features (GeoJSON) coloured by values[pcode] = { value, suppressed }. SVG only: no tiles, no GPU.
// d3-geo reads rings on the sphere: an RFC 7946 (counter-clockwise) exterior would be the whole globe minus the
// area, so such rings are reversed before drawing.
function rewind(feature) {
  if (geoArea(feature) <= 2 * Math.PI) return feature;
  const ring = r => [...r].reverse();
  const g = feature.geometry;
  const coordinates = g.type === 'Polygon' ? g.coordinates.map(ring) : g.coordinates.map(p => p.map(ring));
  return { ...feature, geometry: { ...g, coordinates } };
}

export function choropleth({ features: raw, values, share, onSelect, selected, title }) {
  const features = raw.map(rewind);
  const width = 560;
  const height = 420;
  const collection = { type: 'FeatureCollection', features };
  const projection = geoMercator().fitSize([width, height], collection);
  const path = geoPath(projection);
  const shown = features.map(f => values[f.properties.pcode]).filter(v => v && !v.suppressed && v.value !== null).map(v => v.value);
  const domain = shown.length ? extent(shown) : [0, 1];
  if (domain[0] === domain[1]) domain[1] = domain[0] + 1;
  const color = scaleQuantize().domain(domain).range(schemeBlues[5]);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'group', 'aria-label': title, class: 'map' },
    s('defs', {}, hatch('suppressed-hatch')));
  for (const f of features) {
    const v = values[f.properties.pcode];
    const suppressed = !v || v.suppressed || v.value === null;
    const label = `${f.properties.name}: ${suppressed ? t('value.suppressed') : formatValue(v.value, share)}`;
    const p = s('path', {
      d: path(f),
      fill: suppressed ? 'url(#suppressed-hatch)' : color(v.value),
      stroke: f.properties.pcode === selected ? '#000' : '#fff',
      'stroke-width': f.properties.pcode === selected ? 3 : 1,
      tabindex: 0,
      role: 'button',
      'aria-label': label,
      'data-pcode': f.properties.pcode,
      'data-suppressed': suppressed ? 'true' : 'false',
    }, s('title', {}, label));
    p.addEventListener('click', () => onSelect(f.properties.pcode));
    p.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(f.properties.pcode); } });
    svg.append(p);
  }
  return { svg, legend: legend(color, share) };
}

function legend(color, share) {
  const items = color.range().map(c => {
    const [a, b] = color.invertExtent(c);
    return { fill: c, text: `${formatValue(a, share)} – ${formatValue(b, share)}` };
  });
  items.push({ fill: 'url(#legend-hatch)', text: t('value.suppressed') });
  const svg = s('svg', { viewBox: `0 0 220 ${items.length * 22}`, class: 'legend', role: 'img', 'aria-label': t('map.legend') },
    s('defs', {}, hatch('legend-hatch')));
  items.forEach((it, i) => {
    svg.append(s('rect', { x: 0, y: i * 22 + 3, width: 18, height: 16, fill: it.fill, stroke: '#555' }));
    svg.append(s('text', { x: 26, y: i * 22 + 16, 'font-size': 13 }, it.text));
  });
  return svg;
}

// Horizontal bars: one per category; a suppressed value is a hatched full-width bar labelled as such.
export function bars({ items, share, title }) {
  const rowHeight = 24;
  const width = 420;
  const labelWidth = 150;
  const top = max(items.filter(i => !i.suppressed && i.value !== null), i => i.value) || 1;
  const x = scaleLinear().domain([0, top]).range([0, width - labelWidth - 80]);
  const svg = s('svg', { viewBox: `0 0 ${width} ${items.length * rowHeight + 4}`, role: 'img', 'aria-label': title, class: 'bars' },
    s('defs', {}, hatch(`hatch-${title.replace(/\W/g, '')}`)));
  items.forEach((it, i) => {
    const y = i * rowHeight + 2;
    svg.append(s('text', { x: labelWidth - 6, y: y + 16, 'text-anchor': 'end', 'font-size': 13 }, it.label));
    if (it.suppressed || it.value === null) {
      svg.append(s('rect', { x: labelWidth, y, width: 40, height: rowHeight - 6, fill: `url(#hatch-${title.replace(/\W/g, '')})`, stroke: '#6b6b6b', 'data-suppressed': 'true' }));
      svg.append(s('text', { x: labelWidth + 46, y: y + 16, 'font-size': 13 }, t('value.suppressed')));
    } else {
      const w = Math.max(1, x(it.value));
      svg.append(s('rect', { x: labelWidth, y, width: w, height: rowHeight - 6, fill: '#2a6fb0' }));
      svg.append(s('text', { x: labelWidth + w + 6, y: y + 16, 'font-size': 13 }, formatValue(it.value, share)));
    }
  });
  return svg;
}

// A daily series (points of { date, value }) with shaded periods (events such as closures), labelled.
export function timeSeries({ series, events, title }) {
  const width = 760;
  const height = 260;
  const m = { left: 50, right: 10, top: 20, bottom: 30 };
  const dates = series.flatMap(ser => ser.points.map(p => new Date(p.date)));
  const [d0, d1] = extent(dates);
  const x = scaleLinear().domain([+d0, +d1]).range([m.left, width - m.right]);
  const y = scaleLinear().domain([0, max(series.flatMap(ser => ser.points), p => p.value) || 1]).nice().range([height - m.bottom, m.top]);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'series' });
  for (const e of events) {
    const a = x(+new Date(e.from));
    const b = x(+new Date(e.to));
    svg.append(s('rect', { x: a, y: m.top, width: Math.max(2, b - a), height: height - m.top - m.bottom, fill: '#fde2c8', class: 'event' }));
    svg.append(s('text', { x: a + 4, y: m.top + 14, 'font-size': 12 }, t(`event.${e.kind}`)));
  }
  const colors = ['#2a6fb0', '#b0452a', '#3d8b3d', '#7a4fa3'];
  series.forEach((ser, i) => {
    const gen = line().x(p => x(+new Date(p.date))).y(p => y(p.value));
    svg.append(s('path', { d: gen(ser.points), fill: 'none', stroke: colors[i % colors.length], 'stroke-width': 2 }));
    svg.append(s('text', { x: width - m.right - 160, y: m.top + 14 + i * 16, 'font-size': 12, fill: colors[i % colors.length] }, ser.label));
  });
  for (const v of y.ticks(5)) {
    svg.append(s('text', { x: m.left - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11 }, number(v)));
    svg.append(s('line', { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v), stroke: '#ddd' }));
  }
  svg.append(s('text', { x: m.left, y: height - 8, 'font-size': 11 }, d0.toISOString().slice(0, 10)));
  svg.append(s('text', { x: width - m.right, y: height - 8, 'font-size': 11, 'text-anchor': 'end' }, d1.toISOString().slice(0, 10)));
  return svg;
}
