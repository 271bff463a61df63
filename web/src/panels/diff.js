// The diff view: two standards → POST /api/diff; every change in words (what
// changed, in which indicator, from what to what, on which lines), the new
// side's line clickable when it is the editor's text.
import { api } from '../api.js';
import { t, currentLang, onLangChange } from '../i18n.js';
import { h, $, clear } from '../dom.js';
import { state, notify } from '../state.js';
import { standardPicker } from './standard-picker.js';

export function initDiffPanel() {
  const oldPick = standardPicker($('#diff-old'), 'zhanjiang-2022-dept.rules');
  const newPick = standardPicker($('#diff-new'));
  let last = null;
  const show = () => last && clear($('#diff-result')).append(renderDiff(last.r, last.newInEditor));
  $('#run-diff').addEventListener('click', async () => {
    clear($('#diff-result'));
    try {
      last = { r: await api.diff(oldPick.ref(), newPick.ref()), newInEditor: newPick.isEditor() };
      show();
    } catch (e) {
      notify(t('failedRequest', { message: e.message }), 'error');
    }
  });
  onLangChange(show);
}

// The words of the text report (server-side, compiler/tools/diff/describe.cpp) in
// the page's language; the place jumps to the new side's line when that is
// the editor's text.
function words(c) {
  return (currentLang() === 'en' ? c.en : c.zh) || { label: c.kind, line: `${c.before ?? '—'} → ${c.after ?? '—'}`, place: '' };
}

function place(c, text, newInEditor) {
  const pos = c.new;
  if (!text) return '';
  return newInEditor && pos && !pos.file
    ? h('a', { href: '#', title: t('gotoLine', { line: pos.line }), onclick: (e) => { e.preventDefault(); state.editor.gotoLine(pos.line, pos.column); } }, text)
    : text;
}

function renderDiff(r, newInEditor) {
  const changes = r.changes || [];
  const s = r.summary || {};
  if (!changes.length) return h('p', { class: 'hint' }, t('noChanges'));
  return h('div', {},
    h('p', { class: 'summary' }, t('diffSummary', { changes: s.changes ?? changes.length, header: s.header ?? 0, rules: s.rules ?? 0, wording: s.wording ?? 0 })),
    h('table', { class: 'diff-table' },
      h('thead', {}, h('tr', {}, ['kind', 'indicator', 'difference', 'where'].map((k) => h('th', {}, t(k))))),
      h('tbody', {}, changes.map((c) => {
        const w = words(c);
        return h('tr', { class: `change ${c.category}`, dataset: { kind: c.kind } },
          h('td', {}, h('span', { class: 'kind' }, w.label)),
          h('td', {}, [...(c.path || []), c.item].filter(Boolean).join(' › ')),
          h('td', { class: 'line' }, w.line),
          h('td', { class: 'where' }, place(c, w.place, newInEditor)));
      }))));
}
