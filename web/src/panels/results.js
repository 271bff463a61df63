// The results panel: per department the total and grade, the 一级 chart and
// the indicator tree with each indicator's 分值, 得分 and 评分说明 (a 逐行
// indicator's rows below it, as the national 自评表 lists them); download
// buttons fetch the same evaluation as an HTML, XLSX or Word report.
import { api } from '../api.js';
import { t, onLangChange } from '../i18n.js';
import { h, $, clear, saveBlob } from '../dom.js';
import { state, on, editorRef, notify } from '../state.js';
import { levelOneChart } from './chart.js';
import { placesOf, fixedScore } from './score-text.js';

let lastResult = null;

export function initResultsPanel() {
  on('evaluating', () => setBusy(true));
  on('evaluate-failed', showFailure);
  on('evaluated', (result) => { lastResult = result; render(); });
  $('#download-html').addEventListener('click', () => download('html'));
  $('#download-xlsx').addEventListener('click', () => download('xlsx'));
  $('#download-docx').addEventListener('click', () => download('docx'));
  onLangChange(() => lastResult && render());
}

function setBusy(busy) {
  $('#results').setAttribute('aria-busy', busy ? 'true' : 'false');
  if (busy) clear($('#results')).append(h('p', { class: 'hint' }, t('evaluating')));
}

// A refused evaluation (a ruleset with errors: 422 with diagnostics; bad data) says why where the results would be.
function showFailure(e) {
  setBusy(false);
  clear($('#results')).append(h('p', { class: 'row-errors' }, t('failedRequest', { message: e.message })),
    e.diagnostics.length ? h('ul', { class: 'row-errors' }, e.diagnostics.map((d) => h('li', {}, `${t('lineCol', { line: d.line, column: d.column })} ${d.code} ${d.message}`))) : null);
}

function render() {
  setBusy(false);
  const root = clear($('#results'));
  const r = lastResult;
  const hasRows = (r.results || []).length > 0;
  $('#download-html').disabled = !hasRows;
  $('#download-xlsx').disabled = !hasRows;
  $('#download-docx').disabled = !hasRows;
  if (r.summary) {
    const places = placesOf(state.check, state.editor.getText());
    root.append(h('p', { class: 'summary' }, t('summary', {
      rows: r.summary.rows, errors: r.summary.errors, average: fixedScore(r.summary.averageTotal, places),
    })));
  }
  const notes = [...(r.fileErrors || []), ...(r.warnings || [])];
  if (notes.length) root.append(h('ul', { class: 'notes' }, notes.map((w) => h('li', {}, typeof w === 'string' ? w : w.message || JSON.stringify(w)))));
  const records = r.results || [];
  if (records.length <= 1) {
    records.forEach((record) => root.append(department(record)));
    return;
  }
  // Many departments: one line each (name, total, grade); the chosen one's card below.
  const places = placesOf(state.check, state.editor.getText());
  const detail = h('div', { class: 'detail' });
  const choose = (record, tr) => {
    for (const other of tr.parentElement.children) other.classList.toggle('chosen', other === tr);
    detail.replaceChildren(department(record));
  };
  const body = h('tbody', {}, records.map((record) => {
    const tr = h('tr', { dataset: { row: record.row }, tabindex: 0 },
      h('td', { class: 'num' }, record.row),
      h('td', {}, record.id || '—'),
      h('td', { class: 'num' }, record.total === null || record.total === undefined ? '—' : fixedScore(record.total, places)),
      h('td', {}, record.grade ?? '—'),
      h('td', { class: 'row-errors' }, (record.errors || []).join('；')));
    tr.addEventListener('click', () => choose(record, tr));
    tr.addEventListener('keydown', (e) => e.key === 'Enter' && choose(record, tr));
    return tr;
  }));
  root.append(h('table', { class: 'rows-table' },
    h('thead', {}, h('tr', {}, h('th', { class: 'num' }, t('rowNumber')), h('th', {}, t('unitName')), h('th', { class: 'num' }, t('total')), h('th', {}, t('grade')), h('th', {}, t('rowErrors')))),
    body), detail);
  choose(records[0], body.firstElementChild);
}

function department(record) {
  const places = placesOf(state.check, state.editor.getText());
  const name = record.id || t('row', { row: record.row });
  const card = h('section', { class: 'department', dataset: { row: record.row } },
    h('header', {},
      h('h3', {}, name),
      h('span', { class: 'total' }, h('span', { class: 'label' }, t('total')), h('strong', { class: 'total-value' }, fixedScore(record.total, places))),
      h('span', { class: `grade grade-${record.grade || 'none'}` }, h('span', { class: 'label' }, t('grade')), h('strong', { class: 'grade-value' }, record.grade ?? '—'))));
  if ((record.errors || []).length) {
    card.append(h('div', { class: 'row-errors' }, h('strong', {}, t('rowErrors')), h('ul', {}, record.errors.map((e) => h('li', {}, e)))));
  }
  const indicators = record.indicators || [];
  if (indicators.length) {
    card.append(h('figure', { class: 'chart-box' }, h('figcaption', {}, t('chartTitle')), levelOneChart(indicators, t('chartTitle'), places)));
    card.append(tree(indicators, record.row, places));
    for (const n of indicators) if ((n.rows || []).length) card.append(rowSetTable(n, places));
  }
  // A unit's own 得分 counted (a 自评表): the total from the rules alone beside it.
  if (record.computed !== undefined && record.computed !== null && record.total !== null && record.computed !== record.total) {
    card.querySelector('header').append(h('span', { class: 'computed-total' }, h('span', { class: 'label' }, t('computedTotal')), h('strong', {}, fixedScore(record.computed, places))));
  }
  if ((record.warnings || []).length) {
    card.append(h('div', { class: 'row-warnings' }, h('strong', {}, t('warnings')), h('ul', {}, record.warnings.map((w) => h('li', {}, w)))));
  }
  return card;
}

// A 逐行 indicator's rows as the national 项目支出绩效自评表 lists them: one 三级
// line each under its 一级/二级 groups, 年度指标值, 实际完成值, 分值, 得分, the
// rule's score where the unit's 得分 differs, and the reason (or the row's error).
function rowSetTable(indicator, places) {
  const heads = ['formLevel1', 'formLevel2', 'formLevel3', 'formTarget', 'formAchieved', 'points', 'score', 'formRuleScore', 'formReason'];
  const numeric = new Set(['points', 'score', 'formRuleScore']);
  return h('table', { class: 'row-set', dataset: { indicator: indicator.path[indicator.path.length - 1] } },
    h('thead', {}, h('tr', {}, heads.map((k) => h('th', numeric.has(k) ? { class: 'num' } : {}, t(k))))),
    h('tbody', {}, indicator.rows.map((r) => {
      const failed = r.status === 'failed';
      const differs = !failed && r.computed !== null && r.computed !== undefined && r.computed !== r.score;
      return h('tr', { class: failed ? 'failed' : (r.warnings || []).length ? 'warned' : '', dataset: { row: r.row } },
        h('td', {}, (r.groups || [])[0] || ''),
        h('td', {}, (r.groups || [])[1] || ''),
        h('td', { class: 'name', title: r.explanation || '' }, r.name || ''),
        h('td', {}, r.target || ''),
        h('td', {}, r.achieved || ''),
        h('td', { class: 'num' }, fixedScore(r.max, places)),
        h('td', { class: 'num score' }, failed ? h('span', { class: 'status status-failed' }, statusWord('failed')) : fixedScore(r.score, places)),
        h('td', { class: 'num rule-score' }, differs ? fixedScore(r.computed, places) : ''),
        h('td', { class: failed ? 'row-errors' : '' }, failed ? (r.errors || []).join('；') : [r.note || '', ...(r.warnings || []).map((w) => h('div', { class: 'row-warning' }, w))]));
    })));
}

function tree(indicators, row, places) {
  return h('table', { class: 'indicator-tree' },
    h('thead', {}, h('tr', {}, h('th', {}, t('indicator')), h('th', { class: 'num' }, t('points')), h('th', { class: 'num' }, t('score')), h('th', {}, t('explanation')))),
    h('tbody', {}, indicators.map((n) => {
      const level = n.path.length;
      const notScored = n.status && n.status !== 'scored';
      return h('tr', { class: `level-${Math.min(level, 4)}${notScored ? ` not-scored status-${n.status}` : ''}`, dataset: { indicator: n.path[level - 1] } },
        h('td', { class: 'name', style: `padding-left:${0.4 + (level - 1) * 1.2}em` },
          h('button', { type: 'button', class: 'basis', title: t('basisTitle'), onclick: (e) => toggleBasis(e.target.closest('tr'), n.path[level - 1], row) }, n.path[level - 1])),
        h('td', { class: 'num' }, fixedScore(n.max, places)),
        h('td', { class: 'num score' }, fixedScore(n.score, places), notScored ? h('span', { class: `status status-${n.status}` }, statusWord(n.status)) : null),
        h('td', { class: 'explanation' }, n.explanation || ''));
    })));
}

// The reports' words for a status other than an ordinary score (compiler/core/result.cpp statusLabel).
const STATUS_WORDS = { reviewed: 'statusReviewed', not_applicable: 'statusNotApplicable', missing: 'statusMissing', overridden: 'statusOverridden', failed: 'statusFailed' };
function statusWord(status) {
  return STATUS_WORDS[status] ? t(STATUS_WORDS[status]) : status;
}

// 得分依据: the data read, the band met, each checklist item and deduction (POST /api/explain),
// in a line under the indicator; a second click folds it away.
async function toggleBasis(tr, indicator, row) {
  const next = tr.nextElementSibling;
  if (next && next.classList.contains('basis-row')) {
    next.remove();
    return;
  }
  const cell = h('td', { colspan: 4 }, t('evaluating'));
  tr.after(h('tr', { class: 'basis-row', dataset: { indicator } }, cell));
  try {
    const r = await api.explain(editorRef(), state.lastData, indicator);
    const record = (r.explanations || []).find((x) => x.row === row) || (r.explanations || [])[0];
    const node = record && (record.indicators || []).find((n) => n.path[n.path.length - 1] === indicator);
    cell.replaceChildren(node ? basis(node) : t('noBasis'));
  } catch (e) {
    cell.replaceChildren(t('failedRequest', { message: e.message }));
  }
}

function basis(node) {
  const values = Object.entries(node.values || {});
  const parts = [
    values.length ? h('div', {}, h('strong', {}, t('basisValues')), ' ', values.map(([k, v]) => h('span', { class: 'value' }, `${k} = ${v}`))) : null,
    (node.bands || []).length ? h('div', {}, h('strong', {}, t('basisBands')), ' ', node.bands.join('；')) : null,
    (node.items || []).length ? h('div', {}, h('strong', {}, t('basisItems')), ' ', node.items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join('；')) : null,
    (node.deductions || []).length ? h('div', {}, h('strong', {}, t('basisDeductions')), ' ', node.deductions.map((d) => (typeof d === 'string' ? d : JSON.stringify(d))).join('；')) : null,
  ].filter(Boolean);
  return parts.length ? h('div', { class: 'basis' }, parts) : h('div', { class: 'basis' }, node.explanation || t('noBasis'));
}

// "湛江市市级部门整体支出绩效评价-湛江市社会科学界联合会.xlsx": the standard's
// name (else its file), then the unit, or how many units the report holds.
export function reportFileName(standard, records, format) {
  const units = records.length === 1 ? (records[0].id || '') : records.length > 1 ? t('unitsCount', { count: records.length }) : '';
  const safe = (s) => String(s || '').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim();
  const parts = [safe(standard) || '评分表', safe(units)].filter(Boolean);
  return `${parts.join('-')}.${format}`;
}

async function download(format) {
  if (!state.lastData) return;
  const standard = (state.check && state.check.name) || (state.file || '').replace(/\.rules$/, '');
  const name = reportFileName(standard, (lastResult && lastResult.results) || [], format);
  notify(t('downloading'));
  try {
    const blob = await api.report(editorRef(), state.lastData, format);
    saveBlob(blob, name);
    notify(t('downloaded', { file: name }), 'ok');
  } catch (e) {
    notify(t('failedRequest', { message: e.message }), 'error');
  }
}
