// Live diagnostics: the editor's text goes to POST /api/check ~300 ms after
// the last keystroke; the answer's 1-based line/column (code points) become
// CodeMirror ranges (UTF-16), underlined by @codemirror/lint.
import { linter, lintGutter } from '@codemirror/lint';
import { api } from '../api.js';
import { state, emit } from '../state.js';
import { rangeOfDiagnostic } from './positions.js';

// Diagnostics about another file (the base of 基于) cannot be underlined here;
// they go to line 1 of this file so they are not lost, and the list names the file.
export function belongsToOpenFile(d) {
  if (!d.file) return true;
  const base = d.file.split(/[\\/]/).pop();
  return state.file ? base === state.file : base === '未命名.rules';
}

export function toLintDiagnostics(doc, diagnostics) {
  return diagnostics.map((d) => {
    const { from, to } = belongsToOpenFile(d) ? rangeOfDiagnostic(doc, d) : { from: 0, to: 0 };
    const prefix = belongsToOpenFile(d) ? '' : `${d.file}:${d.line}:${d.column}: `;
    const notes = (d.notes || []).map((n) => (typeof n === 'string' ? n : n.message)).filter(Boolean);
    return {
      from,
      to,
      severity: d.severity === 'warning' ? 'warning' : 'error',
      source: d.code,
      message: prefix + d.message + (notes.length ? `\n${notes.join('\n')}` : ''),
    };
  });
}

async function checkSource(view) {
  const doc = view.state.doc;
  const ref = { text: doc.toString() };
  if (state.file) ref.file = state.file;
  emit('checking');
  let result;
  try {
    result = await api.check(ref);
  } catch (e) {
    emit('check-failed', e);
    return [];
  }
  // A slower answer for an older text must not replace a newer one.
  if (view.state.doc !== doc) return [];
  state.check = result;
  emit('checked', result);
  return toLintDiagnostics(doc, result.diagnostics || []);
}

export const defenLint = [linter(checkSource, { delay: 300 }), lintGutter()];
