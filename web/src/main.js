// The workbench page: wires the header, editor, and the side panels together.
import './style.css';
import { applyI18n, setLang, currentLang, t } from './i18n.js';
import { $ } from './dom.js';
import { on, state, notify } from './state.js';
import { api } from './api.js';
import { initHeader, openRuleset } from './panels/header.js';
import { initEditorPanel } from './panels/editor-panel.js';
import { initDataPanel } from './panels/data.js';
import { initResultsPanel } from './panels/results.js';
import { initDiffPanel } from './panels/diff.js';
import { initComparePanel } from './panels/compare.js';
import { initTestsPanel } from './panels/tests.js';

function initTabs() {
  for (const tab of document.querySelectorAll('[data-tab]')) {
    tab.addEventListener('click', () => {
      for (const other of document.querySelectorAll('[data-tab]')) other.setAttribute('aria-selected', String(other === tab));
      for (const panel of document.querySelectorAll('[data-panel]')) panel.hidden = panel.dataset.panel !== tab.dataset.tab;
    });
  }
}

function initNotices() {
  let timer = null;
  let shownAt = 0;
  on('notify', ({ message, kind }) => {
    const box = $('#notice');
    box.textContent = message;
    box.dataset.kind = kind;
    box.hidden = false;
    shownAt = Date.now();
    clearTimeout(timer);
    timer = setTimeout(() => { box.hidden = true; }, kind === 'error' ? 10_000 : 4_000);
  });
  // A request that went through clears the banner of one that failed before
  // it (not one that failed a moment ago: a background check finishing then
  // must not hide it before it is read).
  on('request-ok', () => {
    const box = $('#notice');
    if (box.dataset.kind === 'error' && Date.now() - shownAt > 1500) box.hidden = true;
  });
}

async function boot() {
  applyI18n();
  initTabs();
  initNotices();
  initEditorPanel();
  initDataPanel();
  initResultsPanel();
  initDiffPanel();
  initComparePanel();
  initTestsPanel();
  $('#lang-switch').addEventListener('click', () => {
    $('#notice').hidden = true;   // it was worded in the other language
    setLang(currentLang() === 'zh' ? 'en' : 'zh');
  });
  on('file-opened', (file) => { $('#file-name').textContent = file; });
  api.health().then((h) => { $('#version').textContent = `defen ${h.version}`; $('#version').title = h.rulesetsDir; })
    .catch(() => notify(t('serverDown'), 'error'));
  const list = await initHeader();
  // Open the file named in the address (#zhanjiang-2022-dept.rules), else the first one.
  const wanted = decodeURIComponent(location.hash.slice(1));
  const first = list.find((r) => r.file === wanted) || list[0];
  if (first) await openRuleset(first.file);
  document.body.dataset.ready = 'true';
}

// For the end-to-end test and for debugging from the console.
window.defenWorkbench = { state, t };
boot();
