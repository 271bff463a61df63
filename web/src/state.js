// What the panels share: the open file, the latest check of the editor's text,
// the data last scored. Panels subscribe to named events instead of calling
// each other.
const listeners = new Map();

export const state = {
  file: null,          // plain *.rules name inside the server's rulesets directory, or null
  check: null,         // latest /api/check response for the editor's text
  lastData: null,      // {file, sheet} or {records}: what the results were scored from
  editor: null,        // the editor module's handle (getText, setText, gotoLine)
};

export function on(event, fn) {
  if (!listeners.has(event)) listeners.set(event, []);
  listeners.get(event).push(fn);
}

export function emit(event, payload) {
  for (const fn of listeners.get(event) || []) fn(payload);
}

// The editor's text named as the API's RulesetRef (docs/api.md).
export function editorRef() {
  const ref = { text: state.editor.getText() };
  if (state.file) ref.file = state.file;
  return ref;
}

// Status line messages ("已保存…", errors of requests).
export function notify(message, kind = 'info') {
  emit('notify', { message, kind });
}
