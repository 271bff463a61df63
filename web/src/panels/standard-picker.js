// A <select> naming a standard for the diff and compare views: the editor's
// text, or a ruleset file of the server's directory as saved.
import { h, clear } from '../dom.js';
import { t, onLangChange } from '../i18n.js';
import { on, editorRef } from '../state.js';

const EDITOR = '__editor__';

export function standardPicker(select, preferred) {
  let files = [];
  const fill = () => {
    const keep = select.value;
    clear(select).append(h('option', { value: EDITOR }, t('editorText')), ...files.map((f) => h('option', { value: f.file }, f.file)));
    if (keep && [...select.options].some((o) => o.value === keep)) select.value = keep;
    else if (preferred && files.some((f) => f.file === preferred)) select.value = preferred;
  };
  on('rulesets-listed', (list) => { files = list; fill(); });
  onLangChange(fill);
  fill();
  return {
    ref: () => (select.value === EDITOR || !select.value ? editorRef() : { path: select.value }),
    isEditor: () => select.value === EDITOR || !select.value,
  };
}
