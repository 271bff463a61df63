// Syntax highlighting for defen rulesets: a CodeMirror StreamLanguage that
// mirrors the lexer of grammar/Defen.g4 (comments, strings, quoted names,
// numbers with units, full- and half-width operators, keywords).
import { StreamLanguage } from '@codemirror/language';
import { keywordStyle, definingKeywords } from './keywords.js';

// ID_START / ID_PART of the grammar: ASCII letters, '_', CJK (BMP blocks).
const ID_START = /[a-zA-Z_\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;
const ID_PART = /[a-zA-Z_\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF0-9%％·]/;
// NUMBER_BODY followed by an optional UNIT. The grouped form (3,974,522.77 / 12,000元)
// comes first, as in the grammar, so [90,100] stays a list.
const QUANTITY = /^(?:[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+|万元|元)|\d+(?:\.\d+)?)(?:%|％|‰|分|万元|元|项|个|件|次|天|位)?/;
const OPERATORS = /^(?:>=|<=|＞＝|＜＝|!=|==|->|=>|[≥≤⩾⩽≠><＞＜=＝→+＋\-－−×*＊÷/／])/;
const BRACKETS = /^[()（）\[\]［］【】]/;
const BRACES = /^[{}｛｝]/;
const PUNCTUATION = /^[,，、:：;；]/;

function readWord(stream) {
  let word = stream.next();
  while (!stream.eol() && ID_PART.test(stream.peek())) word += stream.next();
  return word;
}

export const defenStreamParser = {
  name: 'defen',
  startState: () => ({ inBlockComment: false, expectDefinition: false, expectBase: false }),
  copyState: (s) => ({ ...s }),
  token(stream, state) {
    if (state.inBlockComment) {
      if (stream.skipTo('*/')) {
        stream.pos += 2;
        state.inBlockComment = false;
      } else {
        stream.skipToEnd();
      }
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    // 基于 zhanjiang-2022-dept: a file name, not a formula (the grammar reads its
    // tokens back as one name), so it is shown as one piece.
    if (state.expectBase) {
      state.expectBase = false;
      if (stream.match(/^[^\s#]+/)) return 'link';
    }
    if (stream.match('/*')) {
      state.inBlockComment = true;
      return 'comment';
    }
    if (stream.match('//') || stream.match('#') || stream.match('＃')) {
      stream.skipToEnd();
      return 'comment';
    }
    const ch = stream.peek();
    if (ch === '"') {
      stream.next();
      let escaped = false;
      while (!stream.eol()) {
        const c = stream.next();
        if (c === '"' && !escaped) break;
        escaped = !escaped && c === '\\';
      }
      return 'string';
    }
    if (ch === '“') {
      stream.next();
      stream.skipTo('”') ? stream.next() : stream.skipToEnd();
      return 'string';
    }
    if (ch === '「' || ch === '`') {
      const close = ch === '「' ? '」' : '`';
      stream.next();
      stream.skipTo(close) ? stream.next() : stream.skipToEnd();
      return takeName(state);
    }
    if (stream.match(QUANTITY)) return 'number';
    if (stream.match('∞') || stream.match('无穷')) return 'atom';
    if (ID_START.test(ch)) {
      const word = readWord(stream);
      const style = keywordStyle.get(word);
      if (style) {
        state.expectDefinition = definingKeywords.has(word);
        state.expectBase = word === '基于' || word === 'based_on';
        return style;
      }
      return takeName(state);
    }
    state.expectDefinition = false;
    if (stream.match(OPERATORS)) return 'operator';
    if (stream.match(BRACES)) return 'brace';
    if (stream.match(BRACKETS)) return 'paren';
    if (stream.match(PUNCTUATION)) return 'punctuation';
    stream.next();
    return 'invalid';
  },
  languageData: {
    commentTokens: { line: '#', block: { open: '/*', close: '*/' } },
    closeBrackets: { brackets: ['(', '[', '{', '（', '｛', '「', '"', '“'] },
  },
};

function takeName(state) {
  if (state.expectDefinition) {
    state.expectDefinition = false;
    return 'variableName.definition';
  }
  return 'variableName';
}

export const defenLanguage = StreamLanguage.define(defenStreamParser);
