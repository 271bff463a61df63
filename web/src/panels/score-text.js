// Totals are shown with the decimals the standard rounds to (舍入 四舍五入 2位
// → 86.50), as the printed 评分表 does; the JSON carries 86.5. The server has
// already rounded, so padding the fraction with zeros is exact.
const ROUNDING = /(?:^|\n)\s*(?:舍入|rounding)\s+(?:四舍五入|half_up)\s+(\d+)/;
const DEFAULT_PLACES = 2;   // compiler/report/report.h: places = 2 when a standard does not say

export function placesOf(check, editorText) {
  if (check && Number.isInteger(check.places)) return check.places;
  for (const text of [editorText, check && check.effective]) {
    const match = text && ROUNDING.exec(text);
    if (match) return Number(match[1]);
  }
  return DEFAULT_PLACES;
}

export function fixedScore(value, places) {
  if (value === null || value === undefined || value === '') return '—';
  const text = String(value);
  if (!/^-?\d+(\.\d+)?$/.test(text) || places <= 0) return text;
  const [whole, fraction = ''] = text.split('.');
  return fraction.length >= places ? text : `${whole}.${fraction.padEnd(places, '0')}`;
}
