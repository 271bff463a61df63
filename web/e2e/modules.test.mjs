// Diagnostic columns (code points) ↔ CodeMirror offsets (UTF-16 units), and
// the defen highlighter's tokens, without a browser: `node --test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Text } from '@codemirror/state';
import { unitOffsetOfColumn, columnOfUnitOffset, positionOf, rangeOfDiagnostic } from '../src/editor/positions.js';
import { defenStreamParser } from '../src/lang/defen-mode.js';
import { StringStream } from '@codemirror/language';

test('BMP Chinese text: one unit per code point', () => {
  const line = '令 支出完成率 = 年度实际错支出 ÷ 财政下达预算数';
  assert.equal(unitOffsetOfColumn(line, 11), 10);
  assert.equal(line.slice(unitOffsetOfColumn(line, 11), unitOffsetOfColumn(line, 18)), '年度实际错支出');
  assert.equal(columnOfUnitOffset(line, 10), 11);
});

test('astral characters count as one column but two units', () => {
  const line = '说明 "𠀋𠀋" 年度';   // 𠀋 is U+2000B, outside the BMP
  assert.equal(line.indexOf('年度'), 10);           // UTF-16 units
  assert.equal([...line].indexOf('年'), 8);          // code points
  assert.equal(unitOffsetOfColumn(line, 9), 10);
  assert.equal(columnOfUnitOffset(line, 10), 9);
});

test('a diagnostic maps to its range on its line; past the end clamps', () => {
  const doc = Text.of(['名称 "x"', '# 😀 注释', '输入 { 甲：数值 }']);
  assert.equal(positionOf(doc, 3, 1), doc.line(3).from);
  const r = rangeOfDiagnostic(doc, { line: 2, column: 5, endLine: 2, endColumn: 7 });
  assert.equal(doc.sliceString(r.from, r.to), '注释');
  const empty = rangeOfDiagnostic(doc, { line: 3, column: 8, endLine: 3, endColumn: 8 });
  assert.equal(doc.sliceString(empty.from, empty.to), '数');
  assert.equal(positionOf(doc, 9, 1), doc.length);
  assert.equal(positionOf(doc, 1, 99), doc.line(1).to);
});

function tokens(line) {
  const state = defenStreamParser.startState();
  const stream = new StringStream(line, 2, 2);
  const out = [];
  while (!stream.eol()) {
    const style = defenStreamParser.token(stream, state);
    if (style) out.push([stream.current(), style]);
    stream.start = stream.pos;
  }
  return out;
}

test('the highlighter reads names, keywords, quantities, strings and comments as the lexer does', () => {
  assert.deepEqual(tokens('指标 支出完成率 4分 {'), [['指标', 'definitionKeyword'], ['支出完成率', 'variableName.definition'], ['4分', 'number'], ['{', 'brace']]);
  assert.deepEqual(tokens('分配合理 ≥ 90% → 满分  # 注'), [['分配合理', 'variableName'], ['≥', 'operator'], ['90%', 'number'], ['→', 'operator'], ['满分', 'atom'], ['# 注', 'comment']]);
  assert.deepEqual(tokens('收入：金额（元）'), [['收入', 'variableName'], ['：', 'punctuation'], ['金额', 'typeName'], ['（', 'paren'], ['元', 'typeName'], ['）', 'paren']]);
  assert.deepEqual(tokens('[90,100] 3,974,522.77元 “说明”'), [['[', 'paren'], ['90', 'number'], [',', 'punctuation'], ['100', 'number'], [']', 'paren'], ['3,974,522.77元', 'number'], ['“说明”', 'string']]);
  assert.deepEqual(tokens('基于 zhanjiang-2022-dept  # 底稿'), [['基于', 'definitionKeyword'], ['zhanjiang-2022-dept', 'link'], ['# 底稿', 'comment']]);
  assert.deepEqual(tokens('若 「a-b」 则 是'), [['若', 'controlKeyword'], ['「a-b」', 'variableName'], ['则', 'controlKeyword'], ['是', 'atom']]);
});

test('totals keep the decimals the standard rounds to', async () => {
  const { placesOf, fixedScore } = await import('../src/panels/score-text.js');
  assert.equal(placesOf(null, '总分 100分\n舍入 四舍五入 2位  # 两位小数\n'), 2);
  assert.equal(placesOf(null, 'rounding half_up 1'), 1);
  assert.equal(placesOf({ based: true, effective: '舍入 四舍五入 3位' }, '基于 x'), 3);
  assert.equal(placesOf(null, '# 舍入 未写'), 2);
  assert.equal(fixedScore('86.5', 2), '86.50');
  assert.equal(fixedScore(86.5, 2), '86.50');
  assert.equal(fixedScore('93.2', 1), '93.2');
  assert.equal(fixedScore('100', 2), '100.00');
  assert.equal(fixedScore('-3', 2), '-3.00');
  assert.equal(fixedScore(null, 2), '—');
});

test('every label the page uses has a Chinese and an English text', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { table } = await import('../src/i18n.js');
  const root = path.join(import.meta.dirname, '..');
  const used = new Set();
  const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  for (const m of html.matchAll(/data-i18n(?:-title|-placeholder)?="([^"]+)"/g)) used.add(m[1]);
  const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const file of walk(path.join(root, 'src')).filter((f) => f.endsWith('.js'))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z]+)'/g)) used.add(m[1]);
  }
  assert.ok(used.size > 60, `only ${used.size} labels found`);
  const missing = [...used].filter((k) => !(k in table.zh) || !(k in table.en));
  assert.deepEqual(missing, []);
  assert.deepEqual(Object.keys(table.en).sort(), Object.keys(table.zh).sort());
});
