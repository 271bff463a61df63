// Colours for the defen highlighting (readable on white, print-friendly).
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';

const style = HighlightStyle.define([
  { tag: tags.definitionKeyword, color: '#8b1a1a', fontWeight: '600' },
  { tag: tags.keyword, color: '#7a3e9d' },
  { tag: tags.controlKeyword, color: '#b05a00' },
  { tag: tags.operatorKeyword, color: '#b05a00' },
  { tag: tags.atom, color: '#1f6f8b' },
  { tag: tags.typeName, color: '#2a7d2e' },
  { tag: tags.number, color: '#0b57d0' },
  { tag: tags.string, color: '#a0522d' },
  { tag: tags.comment, color: '#7c7c7c', fontStyle: 'italic' },
  { tag: tags.definition(tags.variableName), color: '#111', fontWeight: '700' },
  { tag: tags.variableName, color: '#1d1d1d' },
  { tag: tags.operator, color: '#b05a00' },
  { tag: tags.link, color: '#0b57d0', textDecoration: 'underline' },
  { tag: tags.invalid, color: '#fff', backgroundColor: '#c62828' },
]);

export const defenHighlighting = syntaxHighlighting(style);
