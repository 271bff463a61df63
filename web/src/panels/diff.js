// The diff view: two standards → POST /api/diff; every change with its kind,
// indicator path, old and new wording and where it is (new side clickable
// when it is the editor's text).
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, $, clear } from '../dom.js';
import { state, notify } from '../state.js';
import { standardPicker } from './standard-picker.js';

export function initDiffPanel() {
  const oldPick = standardPicker($('#diff-old'), 'zhanjiang-2022-dept.rules');
  const newPick = standardPicker($('#diff-new'));
  $('#run-diff').addEventListener('click', async () => {
    const out = clear($('#diff-result'));
    try {
      const r = await api.diff(oldPick.ref(), newPick.ref());
      out.append(renderDiff(r, newPick.isEditor(), oldPick.isEditor()));
    } catch (e) {
      notify(t('failedRequest', { message: e.message }), 'error');
    }
  });
}

function place(pos, inEditor) {
  if (!pos) return '';
  const text = `${pos.file ? `${pos.file.split(/[\\/]/).pop()} ` : ''}${pos.line}:${pos.column}`;
  return inEditor && !pos.file ? h('a', { href: '#', onclick: (e) => { e.preventDefault(); state.editor.gotoLine(pos.line, pos.column); } }, text) : text;
}

function renderDiff(r, newInEditor, oldInEditor) {
  const changes = r.changes || [];
  const s = r.summary || {};
  if (!changes.length) return h('p', { class: 'hint' }, t('noChanges'));
  return h('div', {},
    h('p', { class: 'summary' }, t('diffSummary', { changes: s.changes ?? changes.length, header: s.header ?? 0, rules: s.rules ?? 0, wording: s.wording ?? 0 })),
    h('table', { class: 'diff-table' },
      h('thead', {}, h('tr', {}, ['kind', 'indicator', 'before', 'after', 'where'].map((k) => h('th', {}, t(k))))),
      h('tbody', {}, changes.map((c) => h('tr', { class: `change ${c.category}` },
        h('td', {}, h('span', { class: `kind ${c.kind}` }, c.kind)),
        h('td', {}, [...(c.path || []), c.item].filter(Boolean).join(' › ')),
        h('td', { class: 'before' }, c.before ?? '—'),
        h('td', { class: 'after' }, c.after ?? '—'),
        h('td', { class: 'where' }, place(c.old, oldInEditor), c.old && c.new ? ' → ' : '', place(c.new, newInEditor)))))));
}
