// The compare view: one data file scored under two standards → /api/compare;
// per department both totals and grades, the change, and the indicators that changed.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, $, clear } from '../dom.js';
import { notify } from '../state.js';
import { standardPicker } from './standard-picker.js';

export function initComparePanel() {
  const oldPick = standardPicker($('#compare-old'), 'zhanjiang-2022-dept.rules');
  const newPick = standardPicker($('#compare-new'));
  $('#run-compare').addEventListener('click', async () => {
    const file = $('#compare-data').files[0];
    if (!file) return;
    const out = clear($('#compare-result'));
    try {
      const r = await api.compare(oldPick.ref(), newPick.ref(), { file });
      out.append(...(r.departments || []).map(department));
    } catch (e) {
      notify(t('failedRequest', { message: e.message }), 'error');
    }
  });
}

const signed = (x) => (x === null || x === undefined ? '—' : Number(x) > 0 ? `+${x}` : String(x));

function department(d) {
  const changed = (d.indicators || []).filter((i) => i.changed);
  return h('section', { class: 'department' },
    h('header', {},
      h('h3', {}, d.id || t('row', { row: d.row })),
      h('span', {}, `${t('before')}：`, h('strong', { class: 'before-total' }, d.before?.total ?? '—'), ' ', h('span', { class: 'before-grade' }, d.before?.grade ?? '')),
      h('span', {}, `${t('after')}：`, h('strong', { class: 'after-total' }, d.after?.total ?? '—'), ' ', h('span', { class: 'after-grade' }, d.after?.grade ?? '')),
      h('span', {}, `${t('change')} `, h('strong', { class: 'change-value' }, signed(d.change))),
      d.gradeChanged ? h('span', { class: 'grade-changed' }, `${t('gradeChanged')}：${d.before?.grade} → ${d.after?.grade}`) : null),
    changed.length ? h('table', { class: 'indicator-tree' },
      h('thead', {}, h('tr', {}, h('th', {}, t('indicator')), h('th', { class: 'num' }, t('before')), h('th', { class: 'num' }, t('after')), h('th', { class: 'num' }, t('change')))),
      h('tbody', {}, changed.map((i) => h('tr', {},
        h('td', {}, (i.path || [i.name]).join(' › ')),
        h('td', { class: 'num' }, i.before ? `${i.before.score ?? '—'}/${i.before.max}` : '—'),
        h('td', { class: 'num' }, i.after ? `${i.after.score ?? '—'}/${i.after.max}` : '—'),
        h('td', { class: 'num' }, signed(i.change)))))) : null,
    (d.errors || []).length ? h('ul', { class: 'row-errors' }, d.errors.map((e) => h('li', {}, e))) : null);
}
