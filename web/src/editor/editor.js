// The ruleset editor (CodeMirror 6) and the read-only view of the effective
// (展开) standard of an inherited ruleset.
import { EditorState, Transaction } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentUnit } from '@codemirror/language';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { lintKeymap } from '@codemirror/lint';
import { defenLanguage } from '../lang/defen-mode.js';
import { defenHighlighting } from './highlight.js';
import { defenLint } from './lint.js';
import { positionOf } from './positions.js';

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '14px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: '#000' },
});

function baseExtensions() {
  return [
    lineNumbers(),
    highlightSpecialChars(),
    drawSelection(),
    bracketMatching(),
    highlightSelectionMatches(),
    indentUnit.of('  '),
    defenLanguage,
    defenHighlighting,
    theme,
    EditorView.lineWrapping,
  ];
}

export function createEditor(parent, onChange) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        ...baseExtensions(),
        history(),
        highlightActiveLine(),
        highlightActiveLineGutter(),
        keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap, indentWithTab]),
        defenLint,
        EditorView.updateListener.of((u) => u.docChanged && onChange && onChange()),
      ],
    }),
  });
  return {
    view,
    getText: () => view.state.doc.toString(),
    // Replaces the whole text. Opening a file is not an edit to undo
    // (undoable = false); formatting is.
    setText(text, { undoable = true } = {}) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        annotations: undoable ? [] : [Transaction.addToHistory.of(false)],
      });
    },
    gotoLine(line, column = 1) {
      const pos = positionOf(view.state.doc, line, column);
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
  };
}

export function createReadOnlyView(parent) {
  const view = new EditorView({
    parent,
    state: EditorState.create({ doc: '', extensions: [...baseExtensions(), EditorState.readOnly.of(true), EditorView.editable.of(false)] }),
  });
  return {
    view,
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
  };
}
