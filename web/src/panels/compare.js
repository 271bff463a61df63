// The compare view: one data file scored under two standards → /api/compare;
// per department both totals and grades, the change, and the indicators that changed.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, $, clear } from '../dom.js';
import { notify } from '../state.js';
import { standardPicker } from './standard-picker.js';
import { fixedScore } from './score-text.js';

export function initComparePanel() {
  const oldPick = standardPicker($('#compare-old'), 'zhanjiang-2022-dept.rules');
  const newPick = standardPicker($('#compare-new'));
  $('#run-compare').addEventListener('click', async () => {
    const file = $('#compare-data').files[0];
    if (!file) return;
    const out = clear($('#compare-result'));
    try {
      const r = await api.compare(oldPick.ref(), newPick.ref(), { file });
      // The JSON is exact (86.5); shown to the standards' places (86.50), as `defen compare` prints it.
      const places = Math.max(r.before?.places ?? 2, r.after?.places ?? 2);
      out.append(...(r.departments || []).map((d) => department(d, places)));
    } catch (e) {
      notify(t('failedRequest', { message: e.message }), 'error');
    }
  });
}

const signed = (x, places) => (x === null || x === undefined ? '—' : `${Number(x) > 0 ? '+' : ''}${fixedScore(x, places)}`);

function department(d, places) {
  const changed = (d.indicators || []).filter((i) => i.changed);
  return h('section', { class: 'department' },
    h('header', {},
      h('h3', {}, d.id || t('row', { row: d.row })),
      h('span', {}, `${t('before')}：`, h('strong', { class: 'before-total' }, fixedScore(d.before?.total, places)), ' ', h('span', { class: 'before-grade' }, d.before?.grade ?? '')),
      h('span', {}, `${t('after')}：`, h('strong', { class: 'after-total' }, fixedScore(d.after?.total, places)), ' ', h('span', { class: 'after-grade' }, d.after?.grade ?? '')),
      h('span', {}, `${t('change')} `, h('strong', { class: 'change-value' }, signed(d.change, places))),
      d.gradeChanged ? h('span', { class: 'grade-changed' }, `${t('gradeChanged')}：${d.before?.grade} → ${d.after?.grade}`) : null),
    changed.length ? h('table', { class: 'indicator-tree' },
      h('thead', {}, h('tr', {}, h('th', {}, t('indicator')), h('th', { class: 'num' }, t('before')), h('th', { class: 'num' }, t('after')), h('th', { class: 'num' }, t('change')))),
      h('tbody', {}, changed.map((i) => h('tr', {},
        h('td', {}, (i.path || [i.name]).join(' › ')),
        h('td', { class: 'num' }, i.before ? `${fixedScore(i.before.score, places)}/${fixedScore(i.before.max, places)}` : '—'),
        h('td', { class: 'num' }, i.after ? `${fixedScore(i.after.score, places)}/${fixedScore(i.after.max, places)}` : '—'),
        h('td', { class: 'num' }, signed(i.change, places)))))) : null,
    (d.errors || []).length ? h('ul', { class: 'row-errors' }, d.errors.map((e) => h('li', {}, e))) : null);
}
