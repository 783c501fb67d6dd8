import { h, clear, field, select } from '../dom.js';
import { t, number } from '../i18n.js';
import { get, post } from '../api.js';

const KINDS = ['registrations', 'dtm', 'flows', 'areas'];

// Data: upload a Kobo/ODK export, a DTM file, flows or areas; watch its progress; read its error report.
export async function data(main) {
  const kind = select(KINDS.map(k => ({ value: k, label: t(`import.${k}`) })), 'registrations');
  const file = h('input', { type: 'file', name: 'file', required: true });
  const members = h('input', { type: 'file', name: 'members' });
  const skip = h('input', { type: 'checkbox', id: 'skip-invalid' });
  const status = h('section', { 'aria-live': 'polite', class: 'import-status' });
  const history = h('section', {});
  const form = h('form', {
    class: 'controls',
    onsubmit: async e => {
      e.preventDefault();
      const body = new FormData();
      body.append('kind', kind.value);
      body.append('file', file.files[0]);
      if (members.files[0]) body.append('members', members.files[0]);
      if (skip.checked) body.append('skip_invalid', 'true');
      clear(status).append(h('p', { role: 'status' }, t('import.uploading')));
      try {
        const started = await post('/api/imports', body);
        await watch(started.id);
      } catch (err) {
        clear(status).append(h('p', { class: 'error', role: 'alert' }, err.message));
      }
    },
  },
  field(t('import.kind'), kind), field(t('import.file'), file, t('import.filehint')), field(t('import.members'), members, t('import.membershint')),
  h('span', { class: 'check' }, skip, h('label', { for: 'skip-invalid' }, t('import.skip'))),
  h('button', { type: 'submit' }, t('import.upload')));
  main.append(form, status, history);

  async function watch(id) {
    for (;;) {
      const job = await get(`/api/imports/${id}`);
      show(job);
      if (job.state !== 'queued' && job.state !== 'running') break;
      await new Promise(r => setTimeout(r, 400));
    }
    await showHistory();
  }

  function show(job) {
    const progress = h('progress', { max: 100, value: Math.round((job.progress || 0) * 100), 'aria-label': t('import.progress') });
    clear(status).append(
      h('h2', {}, t('import.report', { file: job.file_name })),
      h('p', { role: 'status', 'data-state': job.state }, t(`import.state.${job.state}`), ' ', job.message || ''),
      progress);
    if (job.summary) {
      const s = job.summary;
      status.append(h('ul', { class: 'summary' },
        h('li', {}, t('import.imported', { n: number(s.imported) })),
        h('li', {}, t('import.unchanged', { n: number(s.unchanged) })),
        h('li', {}, t('import.rejected', { n: number(s.rejected) })),
        s.declined > 0 ? h('li', {}, t('import.declined', { n: number(s.declined) })) : null));
    }
    if (job.issues_count > 0) {
      status.append(
        h('p', {}, t('import.issues', { n: number(job.issues_count) }), ' ',
          h('a', { href: `/api/imports/${job.id}/errors.csv`, download: '' }, t('import.errorsfile'))),
        h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t('import.errortable') },
          h('table', { class: 'data issues' }, h('caption', {}, t('import.errortable')),
            h('thead', {}, h('tr', {}, ['row', 'column', 'value', 'reason'].map(k => h('th', { scope: 'col' }, t(`import.col.${k}`))))),
            h('tbody', {}, job.issues.map(i => h('tr', {},
              h('td', {}, `${i.sheet ? `${i.sheet} ` : ''}${i.row}`), h('td', {}, i.column || ''), h('td', {}, i.value || ''), h('td', {}, i.reason)))))));
    }
  }

  async function showHistory() {
    const jobs = await get('/api/imports');
    clear(history).append(h('h2', {}, t('import.history')),
      jobs.length === 0 ? h('p', {}, t('import.none')) : h('ul', {}, jobs.map(j => h('li', {},
        `${j.started_at.replace('T', ' ').slice(0, 19)} · ${t(`import.${j.kind}`)} · ${j.file_name} · ${t(`import.state.${j.state}`)}`))));
  }

  await showHistory();
}
