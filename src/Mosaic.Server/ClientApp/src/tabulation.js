import { get, query } from './api.js';

export const TOTAL = '_total';

// Fetches a table (the API's JSON form) and indexes its rows by their dimension codes.
export async function tabulate(indicator, by, area) {
  const table = await get(`/api/tabulations?${query({ indicator, by: by.join(','), area })}`);
  const names = table.dimensions.map(d => d.name);
  const labels = Object.fromEntries(table.dimensions.map(d => [d.name, Object.fromEntries(d.categories.map(c => [c.code, c.label]))]));
  const key = r => names.map(n => r[n]).join('\u001f');
  const byKey = new Map(table.rows.map(r => [key(r), r]));
  return {
    table,
    names,
    label: (dim, code) => (code === TOTAL ? null : labels[dim]?.[code] ?? code),
    categories: dim => table.dimensions.find(d => d.name === dim)?.categories ?? [],
    cell: codes => byKey.get(names.map(n => codes[n] ?? TOTAL).join('\u001f')),
    total: () => byKey.get(names.map(() => TOTAL).join('\u001f')),
  };
}

// The dimension that groups areas of a level: adm1 … adm4 by their level, "village" below.
export function levelDimension(level) {
  return level <= 4 ? `adm${level}` : 'village';
}
