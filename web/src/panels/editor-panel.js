// Around the editor: the check status, the diagnostics list (click → line),
// 格式化 (POST /api/format) and 展开 (the effective standard of a 基于 ruleset).
import { forceLinting } from '@codemirror/lint';
import { api } from '../api.js';
import { t, onLangChange } from '../i18n.js';
import { h, $, clear } from '../dom.js';
import { state, on, emit, notify } from '../state.js';
import { createEditor, createReadOnlyView } from '../editor/editor.js';
import { belongsToOpenFile } from '../editor/lint.js';

let effectiveView = null;
let lastDiagnostics = [];

export function initEditorPanel() {
  state.editor = createEditor($('#editor'), () => emit('edited'));
  effectiveView = createReadOnlyView($('#effective-editor'));
  $('#format-button').addEventListener('click', formatText);
  $('#effective-button').addEventListener('click', toggleEffective);
  on('checking', () => setStatus(t('checking'), 'busy'));
  on('check-failed', (e) => setStatus(t('failedRequest', { message: e.message }), 'error'));
  on('checked', showCheck);
  // A newly opened file has not been checked yet: what was known of the
  // previous one (its effective text, its inputs) must not be shown for it.
  on('file-opened', () => {
    state.check = null;
    showEffective(false);
    $('#effective-button').disabled = true;
    renderDiagnostics([]);
    setStatus(t('checking'), 'busy');
  });
  onLangChange(() => {
    // Diagnostics are worded by the server in the chosen language: check again.
    // Labels now; the server's messages in the new language once it answers.
    if (state.check) showCheck(state.check);
    if (state.editor) forceLinting(state.editor.view);
  });
}

function setStatus(text, kind) {
  const status = $('#check-status');
  status.textContent = text;
  status.dataset.kind = kind;
}

function showCheck(result) {
  const errors = result.errors || 0;
  const warnings = result.warnings || 0;
  setStatus(errors || warnings ? t('counts', { errors, warnings }) : t('clean'), errors ? 'error' : warnings ? 'warning' : 'ok');
  $('#effective-button').disabled = !result.based;
  if (!result.based) showEffective(false);
  else if (isEffectiveShown()) effectiveView.setText(result.effective || '');
  renderDiagnostics(result.diagnostics || []);
}

export function renderDiagnostics(diagnostics) {
  lastDiagnostics = diagnostics;
  const list = clear($('#diagnostics'));
  for (const d of diagnostics) {
    const here = belongsToOpenFile(d);
    const where = (here ? '' : `${d.file.split(/[\\/]/).pop()} `) + t('lineCol', { line: d.line, column: d.column });
    const item = h('li', {
      class: `diagnostic ${d.severity}`,
      dataset: { line: d.line, column: d.column, code: d.code },
      title: here ? t('gotoLine', { line: d.line }) : '',
      onclick: () => here && state.editor.gotoLine(d.line, d.column),
    },
    h('span', { class: 'where' }, where),
    h('span', { class: 'code' }, d.code),
    h('span', { class: 'message' }, d.message));
    list.append(item);
  }
  // The list keeps its height when empty, so the editor does not shrink
  // (and hide the line being typed) when the first error appears.
  if (diagnostics.length === 0) list.append(h('li', { class: 'none' }, t('noDiagnostics')));
}

async function formatText() {
  try {
    const r = await api.format(state.editor.getText());
    if (r.changed) state.editor.setText(r.text);
    notify(r.changed ? t('formatted') : t('unchanged'), 'ok');
  } catch (e) {
    if (e.diagnostics.length) renderDiagnostics(e.diagnostics);
    notify(t('failedRequest', { message: e.message }), 'error');
  }
}

const isEffectiveShown = () => !$('#effective-pane').hidden;

function showEffective(show) {
  $('#effective-pane').hidden = !show;
  $('#editor').hidden = show;
  $('#effective-button').textContent = show ? t('closeEffective') : t('effective');
  $('#effective-button').dataset.i18n = show ? 'closeEffective' : 'effective';
  if (show) {
    const base = (state.editor.getText().match(/(?:基于|based_on)\s+(\S+)/) || [])[1] || '';
    $('#effective-title').textContent = t('effectiveTitle', { base });
    effectiveView.setText((state.check && state.check.effective) || '');
  }
}

function toggleEffective() {
  showEffective(!isEffectiveShown());
}

export const currentDiagnostics = () => lastDiagnostics;
