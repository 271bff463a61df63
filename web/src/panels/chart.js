// Score rate (得分 ÷ 分值) of each 一级 indicator as a horizontal bar chart, in
// plain SVG so it needs no library and prints as it shows.
import { svg } from '../dom.js';
import { fixedScore } from './score-text.js';

// Scores to the standard's places, the rate to two, as the reports write them.
export function levelOneChart(indicators, title, places) {
  const rows = indicators.filter((n) => n.path.length === 1 && Number(n.max) > 0);
  const barHeight = 22;
  const gap = 8;
  const labelWidth = 150;
  const barWidth = 300;
  const height = rows.length * (barHeight + gap) + gap;
  const chart = svg('svg', {
    class: 'chart', viewBox: `0 0 ${labelWidth + barWidth + 90} ${height}`, role: 'img', 'aria-label': title,
  }, svg('title', {}, title));
  rows.forEach((n, i) => {
    const y = gap + i * (barHeight + gap);
    const score = n.score === null ? 0 : Number(n.score);
    const rate = Math.max(0, Math.min(1, score / Number(n.max)));
    const colour = rate >= 0.9 ? '#2e7d32' : rate >= 0.8 ? '#558b2f' : rate >= 0.6 ? '#f9a825' : '#c62828';
    chart.append(
      svg('text', { x: labelWidth - 8, y: y + barHeight * 0.7, 'text-anchor': 'end', class: 'chart-label' }, n.path[0]),
      svg('rect', { x: labelWidth, y, width: barWidth, height: barHeight, fill: '#eceff1', rx: 3 }),
      svg('rect', { x: labelWidth, y, width: Math.max(1, rate * barWidth), height: barHeight, fill: colour, rx: 3, class: 'chart-bar' }),
      svg('text', { x: labelWidth + barWidth + 8, y: y + barHeight * 0.7, class: 'chart-value' },
        `${(rate * 100).toFixed(2)}%  ${fixedScore(n.score, places)}/${fixedScore(n.max, places)}`),
    );
  });
  return chart;
}
