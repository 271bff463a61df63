// The data panel: upload a CSV / XLSX / JSON file (multipart /api/evaluate),
// or fill a form generated from the ruleset's 输入 declarations for one
// department (JSON /api/evaluate). Results go to the results panel.
import { api } from '../api.js';
import { t, onLangChange } from '../i18n.js';
import { h, $, clear } from '../dom.js';
import { state, on, emit, editorRef, notify } from '../state.js';

const formValues = new Map();   // kept while the inputs are re-declared as the user types
let lastInputsKey = '';

export function initDataPanel() {
  $('#evaluate-upload').addEventListener('click', evaluateUpload);
  $('#evaluate-form').addEventListener('click', evaluateForm);
  $('#data-file').addEventListener('change', () => {
    const file = $('#data-file').files[0];
    $('#evaluate-upload').disabled = !file;
    const label = $('#data-file-name');
    if (file) {
      label.textContent = file.name;
      delete label.dataset.i18n;   // a file name is not translated
    }
  });
  on('checked', (result) => renderForm(result.inputs || []));
  onLangChange(() => { lastInputsKey = ''; renderForm((state.check && state.check.inputs) || []); });
}

async function evaluateUpload() {
  const file = $('#data-file').files[0];
  if (!file) return;
  const sheet = $('#data-sheet').value.trim();
  await run({ file, sheet }, () => api.evaluateUpload(editorRef(), file, { sheet }));
}

async function evaluateForm() {
  const record = { 单位名称: $('#form-unit').value.trim() || '—' };
  for (const [name, value] of formValues) if (value !== '') record[name] = value;
  // Cells that are not declared inputs: 评审 scores (named by the indicator), X.核定分, X.说明.
  const lines = $('#form-extra').value.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(.+?)\s*[=＝]\s*(.*)$/.exec(line);
    if (!match) {
      notify(t('badExtraLine', { line: i + 1, text: line }), 'error');
      return;
    }
    record[match[1].trim()] = match[2].trim();
  }
  await run({ records: [record] }, () => api.evaluate(editorRef(), [record]));
}

async function run(data, call) {
  emit('evaluating');
  try {
    const result = await call();
    state.lastData = data;
    emit('evaluated', result);
  } catch (e) {
    emit('evaluate-failed', e);
    notify(t('failedRequest', { message: e.message }), 'error');
  }
}

function renderForm(inputs) {
  const key = JSON.stringify(inputs.map((i) => [i.name, i.type, i.values, i.unit, i.missing, i.range]));
  if (key === lastInputsKey) return;
  lastInputsKey = key;
  const form = clear($('#input-form'));
  $('#evaluate-form').disabled = inputs.length === 0;
  if (inputs.length === 0) {
    form.append(h('p', { class: 'hint' }, t('formEmpty')));
    return;
  }
  for (const input of inputs) form.append(field(input));
}

function field(input) {
  const id = `input-${input.name}`;
  const control = controlFor(input, id);
  control.value = formValues.get(input.name) ?? '';
  const remember = () => formValues.set(input.name, control.value.trim());
  control.addEventListener('input', remember);
  control.addEventListener('change', remember);
  const hints = [
    [input.type, input.unit].filter(Boolean).join('·'),
    input.range,
    input.missing ? t('missingPolicy', { policy: input.missing }) : t('required'),
  ].filter(Boolean).join('；');
  return h('label', { class: 'field', for: id, title: input.description || '' },
    h('span', { class: 'field-name' }, input.name,
      input.line ? h('a', { href: '#', class: 'decl', title: t('gotoLine', { line: input.line }), onclick: (e) => { e.preventDefault(); state.editor.gotoLine(input.line); } }, ` ${input.line}`) : null),
    control,
    h('span', { class: 'field-hint' }, hints));
}

function controlFor(input, id) {
  const options = input.type === '是否' || input.type === 'bool' ? ['是', '否'] : input.values;
  if (options && options.length) {
    return h('select', { id, name: input.name }, h('option', { value: '' }, '—'), options.map((v) => h('option', { value: v }, v)));
  }
  const placeholder = input.type === '比率' || input.type === 'ratio' ? '95%' : input.unit === '元' ? '1,000,000.00' : '';
  return h('input', { id, name: input.name, type: 'text', inputmode: 'decimal', placeholder, autocomplete: 'off' });
}
