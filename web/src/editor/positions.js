// Diagnostics count columns in Unicode code points (as `defen check` does);
// CodeMirror counts UTF-16 code units. Chinese text of the BMP is one unit per
// character, but a character outside it (𠀋, emoji) is two: convert, never assume.

// UTF-16 offset inside `text` of the 1-based code-point column `column`.
// A column past the end of the line clamps to the end.
export function unitOffsetOfColumn(text, column) {
  let offset = 0;
  for (let c = 1; c < column && offset < text.length; c++) {
    const code = text.codePointAt(offset);
    offset += code > 0xffff ? 2 : 1;
  }
  return Math.min(offset, text.length);
}

// 1-based code-point column of a UTF-16 offset inside `text`.
export function columnOfUnitOffset(text, offset) {
  let column = 1;
  for (let i = 0; i < offset && i < text.length; column++) {
    i += text.codePointAt(i) > 0xffff ? 2 : 1;
  }
  return column;
}

// Document position (UTF-16 offset from the start) of a 1-based line and
// code-point column, for a CodeMirror Text. Lines past the end clamp to the end.
export function positionOf(doc, line, column) {
  if (line < 1) return 0;
  if (line > doc.lines) return doc.length;
  const l = doc.line(line);
  return l.from + unitOffsetOfColumn(l.text, column);
}

// The {from, to} range of a diagnostic (end exclusive). An empty range
// widens to one character, or to the end of the line, so it can be underlined.
export function rangeOfDiagnostic(doc, d) {
  const from = positionOf(doc, d.line, d.column);
  let to = d.endLine ? positionOf(doc, d.endLine, d.endColumn) : from;
  if (to < from) to = from;
  if (to === from) {
    const line = doc.lineAt(from);
    if (from < line.to) to = from + (line.text.codePointAt(from - line.from) > 0xffff ? 2 : 1);
  }
  return { from, to };
}
