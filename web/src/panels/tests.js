// The tests view: POST /api/test with the editor's ruleset and either the
// typed .tests text or the file beside the ruleset; failures link to the
// ruleset line they concern.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, $, clear } from '../dom.js';
import { state, editorRef, notify } from '../state.js';

export function initTestsPanel() {
  $('#run-tests').addEventListener('click', async () => {
    const out = clear($('#tests-result'));
    const tests = $('#tests-text').value.trim();
    try {
      // Without typed cases the server runs <stem>.tests beside the open file.
      const r = await api.test(editorRef(), tests || undefined);
      out.append(render(r));
    } catch (e) {
      // A .tests file with errors: show where, as the diagnostics list does.
      out.append(h('p', { class: 'summary bad' }, e.message),
        h('ul', { class: 'test-results' }, e.diagnostics.map((d) => h('li', { class: 'failed' },
          h('span', { class: 'where' }, `${d.file || ''}:${d.line}:${d.column}`), ' ', h('span', { class: 'code' }, d.code), ' ', d.message))));
      notify(t('failedRequest', { message: e.message }), 'error');
    }
  });
}

function render(r) {
  const results = r.results || [];
  return h('div', {},
    h('p', { class: `summary ${r.failed ? 'bad' : 'good'}` }, t('testsSummary', { cases: r.cases ?? results.length, passed: r.passed ?? 0, failed: r.failed ?? 0 })),
    h('ul', { class: 'test-results' }, results.map((c) => {
      // The ruleset line a failure concerns is on its mismatches (docs/api.md, /api/test).
      const rulesLine = c.rulesetLine ?? (c.mismatches || []).map((m) => m.rulesetLine).find(Boolean);
      return h('li', { class: c.passed ? 'passed' : 'failed' },
        h('span', { class: 'mark' }, c.passed ? '✓' : '✗'),
        h('span', { class: 'name' }, c.name),
        c.line ? h('span', { class: 'where' }, `.tests:${c.line}`) : null,
        rulesLine ? h('a', { href: '#', class: 'goto', onclick: (e) => { e.preventDefault(); state.editor.gotoLine(rulesLine); } }, t('gotoLine', { line: rulesLine })) : null,
        c.passed ? null : h('div', { class: 'detail' }, (c.mismatches && c.mismatches.length ? c.mismatches : [c]).map(mismatch)));
    })));
}

// One failed expectation: its message, expected/actual, and a link to the ruleset line it concerns.
function mismatch(m) {
  return h('div', { class: 'mismatch' },
    m.message ? h('span', {}, m.message) : null,
    m.expected !== undefined && m.expected !== '' ? h('span', {}, ` ${t('expected')}：${fmt(m.expected)}`) : null,
    m.actual !== undefined && m.actual !== '' ? h('span', {}, ` ${t('actual')}：${fmt(m.actual)}`) : null,
    m.rulesetLine ? h('a', { href: '#', class: 'goto', dataset: { line: m.rulesetLine }, onclick: (e) => { e.preventDefault(); state.editor.gotoLine(m.rulesetLine); } },
      ` ${t('gotoLine', { line: m.rulesetLine })}`) : null);
}

const fmt = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
