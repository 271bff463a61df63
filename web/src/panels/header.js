// The header: ruleset picker (GET /api/rulesets), open (GET) and save (PUT).
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, $, clear } from '../dom.js';
import { state, on, emit, notify } from '../state.js';

const PLAIN_RULES_NAME = /^[^/\\]+\.rules$/;

// The text as last opened or saved: the file name shows ● while the editor differs.
let savedText = '';

export const isDirty = () => state.editor.getText() !== savedText;

function showDirty() {
  $('#file-name').dataset.dirty = String(isDirty());
}

export function initHeader() {
  const select = $('#ruleset-select');
  select.addEventListener('change', () => {
    if (!select.value) return;
    if (isDirty() && !confirm(t('discardChanges', { file: state.file }))) {
      select.value = state.file || '';
      return;
    }
    openRuleset(select.value);
  });
  $('#save-button').addEventListener('click', saveRuleset);
  // Ctrl+S / ⌘S saves, as in any editor, instead of saving the page.
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      saveRuleset();
    }
  });
  window.addEventListener('beforeunload', (e) => { if (isDirty()) e.preventDefault(); });
  on('edited', showDirty);
  $('#new-button').addEventListener('click', () => {
    const name = prompt(t('newRulesetPrompt'), 'new-standard.rules');
    if (!name) return;
    if (!PLAIN_RULES_NAME.test(name) || name.includes('..')) {
      notify(t('failedRequest', { message: name }), 'error');
      return;
    }
    state.file = name;
    savedText = '';
    state.editor.setText('', { undoable: false });
    emit('file-opened', name);
  });
  return refreshList();
}

export async function refreshList() {
  const select = $('#ruleset-select');
  let list;
  try {
    list = (await api.rulesets()).rulesets || [];
  } catch (e) {
    notify(t('failedRequest', { message: e.message }), 'error');
    return [];
  }
  clear(select).append(h('option', { value: '' }, t('chooseRuleset')));
  for (const r of list) {
    const label = [r.file, r.name && `— ${r.name}`, r.errors ? `（${r.errors}✗）` : ''].filter(Boolean).join(' ');
    select.append(h('option', { value: r.file }, label));
  }
  if (state.file) select.value = state.file;
  emit('rulesets-listed', list);
  return list;
}

export async function openRuleset(file) {
  try {
    const { text } = await api.openRuleset(file);
    state.file = file;
    savedText = text;
    state.editor.setText(text, { undoable: false });
    $('#ruleset-select').value = file;
    emit('file-opened', file);
  } catch (e) {
    notify(t('failedRequest', { message: e.message }), 'error');
  }
}

async function saveRuleset() {
  if (!state.file) {
    $('#new-button').click();
    if (!state.file) return;
  }
  try {
    const text = state.editor.getText();
    const r = await api.saveRuleset(state.file, text);
    savedText = text;
    showDirty();
    notify(r.errors ? t('savedWithErrors', { file: r.file, errors: r.errors }) : t('saved', { file: r.file }), r.errors ? 'warning' : 'ok');
    await refreshList();
  } catch (e) {
    notify(t('failedRequest', { message: e.message }), 'error');
  }
}
