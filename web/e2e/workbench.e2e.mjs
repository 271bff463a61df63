// End-to-end test of the workbench page (issue 7), as a person uses it:
// `defen serve` on a free port with a temporary copy of rulesets/, Debian's
// Chromium driven by playwright-core (never a downloaded browser).
//   node workbench.e2e.mjs --defen build/cli/defen --web build/web/dist
//        --source <repo> --artifacts build/tests/artifacts
// Steps: (1) a misspelt input name is underlined on exactly its line and
// listed with line:column and code, and the fix clears it; (2) the seed
// example uploaded scores 86.50 良 with 评分说明 text; (3) the XLSX report
// downloads as a zip (PK…); (4) a screenshot is kept; (5) English labels;
// then 格式化, the generated form, 差异 and 测试 (docs/workbench.md).
// Exits non-zero with the failing step named; always stops the server.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { filledForm } from './xlsx-form.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const sourceDir = path.resolve(args.source || path.join(import.meta.dirname, '..', '..'));
const defen = path.resolve(args.defen || path.join(sourceDir, 'build/cli/defen'));
const webDist = path.resolve(args.web || path.join(sourceDir, 'build/web/dist'));
const artifacts = path.resolve(args.artifacts || path.join(sourceDir, 'build/tests/artifacts'));
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const RULESET = 'zhanjiang-2022-dept.rules';
// Line 167 of the seed standard: 令 支出完成率 = 年度实际支出 ÷ 财政下达预算数
const MISSPELT_NAME = '年度实际支出';

let server = null;
let browser = null;
let tmpDir = null;
const results = [];

function fail(message) {
  throw new Error(message);
}

function cleanup() {
  if (server && server.exitCode === null) server.kill('SIGTERM');
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));

function startServer() {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'defen-e2e-'));
  const rulesets = path.join(tmpDir, 'rulesets');
  fs.cpSync(path.join(sourceDir, 'rulesets'), rulesets, { recursive: true });
  // The rulesets folder alone, as a bureau would copy it: its .tests read their data from testdata/ inside it.
  server = spawn(defen, ['serve', '--port', '0', '--rulesets', rulesets, '--web', webDist], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`defen serve printed no address in 30 s; stderr: ${stderr}`)), 30_000);
    server.on('error', (e) => reject(new Error(`cannot start ${defen}: ${e.message}`)));
    server.on('exit', (code) => reject(new Error(`defen serve exited with ${code} before printing its address; stderr: ${stderr}`)));
    server.stdout.on('data', (d) => {
      stdout += d;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      const match = /^defen serve: (http:\/\/127\.0\.0\.1:\d+\/)\s*$/.exec(stdout.slice(0, newline));
      clearTimeout(timer);
      if (match) resolve(match[1]);
      else reject(new Error(`first line of defen serve is not its address: ${JSON.stringify(stdout.slice(0, newline))}`));
    });
  });
}

async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${e.message}`);
    throw e;
  }
}

// Lines (1-based) that carry an error underline, read from the rendered DOM.
const underlinedLines = (page) => page.evaluate(() => {
  const { view } = window.defenWorkbench.state.editor;
  const lines = new Set();
  for (const mark of view.dom.querySelectorAll('.cm-lintRange-error')) lines.add(view.state.doc.lineAt(view.posAtDOM(mark)).number);
  return [...lines].sort((a, b) => a - b);
});

async function waitFor(page, predicate, what, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await predicate();
    if (last.ok) return last;
    await page.waitForTimeout(100);
  }
  fail(`${what} (timed out after ${timeout} ms; last seen: ${JSON.stringify(last.seen)})`);
}

async function main() {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) fail(`the page is not built: ${webDist}/index.html is missing (build target defen_web)`);
  if (!fs.existsSync(chromiumPath)) fail(`Chromium not found at ${chromiumPath} (scripts/setup installs Debian's chromium)`);
  const rulesText = fs.readFileSync(path.join(sourceDir, 'rulesets', RULESET), 'utf8').split('\n');
  const errorLine = rulesText.findIndex((l) => /^\s*令 支出完成率 = 年度实际支出/.test(l)) + 1;
  if (errorLine < 1) fail(`${RULESET} no longer has the line 令 支出完成率 = 年度实际支出 …`);
  const nameColumn = [...rulesText[errorLine - 1]].indexOf(MISSPELT_NAME[0]) + 1;   // code points, 1-based
  // The name is the seventh code point onwards of 年度实际支出 → 年度实际错支出 after typing 错 at +4.
  const url = await startServer();
  console.log(`server: ${url}`);

  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, acceptDownloads: true, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  // The page must work with the network off: any request that leaves the server is a failure.
  const foreign = [];
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith(url) || route.request().url().startsWith('blob:') || route.request().url().startsWith('data:')) return route.continue();
    foreign.push(route.request().url());
    return route.abort();
  });

  await step('the page opens the seed standard and it checks clean', async () => {
    await page.goto(`${url}#${RULESET}`);
    await page.waitForSelector('body[data-ready=true]');
    await waitFor(page, async () => {
      const seen = await page.evaluate(() => ({ kind: document.querySelector('#check-status').dataset.kind, file: document.querySelector('#file-name').textContent }));
      return { ok: seen.file === 'zhanjiang-2022-dept.rules' && (seen.kind === 'ok' || seen.kind === 'warning'), seen };
    }, `${RULESET} should open and check without errors`);
  });

  await step(`a misspelt input name is underlined on line ${errorLine} only, and listed`, async () => {
    // Put the cursor inside the name as a click would, then type: 年度实际|支出 → 年度实际错支出.
    await page.evaluate(({ line, column }) => window.defenWorkbench.state.editor.gotoLine(line, column), { line: errorLine, column: nameColumn + 4 });
    await page.keyboard.type('错');
    const misspelt = `年度实际错支出`;
    const { seen } = await waitFor(page, async () => {
      const lines = await underlinedLines(page);
      const items = await page.$$eval('#diagnostics li.diagnostic', (lis) => lis.map((li) => ({ line: Number(li.dataset.line), column: Number(li.dataset.column), code: li.dataset.code, text: li.textContent })));
      return { ok: lines.length > 0 && items.length > 0, seen: { lines, items } };
    }, 'an error underline and a diagnostics list entry should appear');
    if (JSON.stringify(seen.lines) !== JSON.stringify([errorLine])) fail(`underlined lines are ${JSON.stringify(seen.lines)}, expected [${errorLine}]`);
    const item = seen.items.find((d) => d.text.includes(misspelt));
    if (!item) fail(`no diagnostic names ${misspelt}: ${JSON.stringify(seen.items)}`);
    if (item.line !== errorLine || item.column !== nameColumn) fail(`diagnostic at ${item.line}:${item.column}, expected ${errorLine}:${nameColumn}`);
    if (!/^E\d{3}$/.test(item.code)) fail(`diagnostic code ${item.code} is not an E-code`);
    if (!item.text.includes(`第${errorLine}行第${nameColumn}列`) || !item.text.includes(item.code)) fail(`list entry reads ${JSON.stringify(item.text)}`);
    const underlined = await page.evaluate(() => [...document.querySelectorAll('.cm-lintRange-error')].map((m) => m.textContent).join(''));
    if (!underlined.includes(misspelt)) fail(`the underline covers ${JSON.stringify(underlined)}, not ${misspelt}`);
    // …and a person sees it: the underline lies inside the editor's visible area.
    const visible = await page.evaluate(() => {
      const { view } = window.defenWorkbench.state.editor;
      const box = view.scrollDOM.getBoundingClientRect();
      return [...view.dom.querySelectorAll('.cm-lintRange-error')].some((m) => {
        const r = m.getBoundingClientRect();
        return r.height > 0 && r.top >= box.top && r.bottom <= box.bottom;
      });
    });
    if (!visible) fail('the underlined line is scrolled out of the editor\'s view');
    console.log(`     ${item.text}`);
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'workbench-error.png') });
  });

  await step('fixing the name clears the underline and the list', async () => {
    await page.keyboard.press('Backspace');
    await waitFor(page, async () => {
      const lines = await underlinedLines(page);
      const count = await page.$$eval('#diagnostics li.error', (lis) => lis.length);
      const kind = await page.$eval('#check-status', (s) => s.dataset.kind);
      return { ok: lines.length === 0 && count === 0 && kind !== 'error' && kind !== 'busy', seen: { lines, count, kind } };
    }, 'the error should go once the name is right again');
  });

  await step('a column after characters outside the BMP (𠀋😀, two UTF-16 units each) is underlined exactly', async () => {
    // Columns from the server count code points: 令 「𠀋😀」 = 未定义名 puts 未定义名 at column 10, UTF-16 offset 11.
    const line = rulesText.length;   // the empty last line of the file
    await page.evaluate(() => {
      const { view } = window.defenWorkbench.state.editor;
      view.dispatch({ selection: { anchor: view.state.doc.length }, scrollIntoView: true });
      view.focus();
    });
    await page.keyboard.type('令 「𠀋😀」 = 未定义名 × 2');
    const { seen } = await waitFor(page, async () => {
      const items = await page.$$eval('#diagnostics li.diagnostic.error', (lis) => lis.map((li) => ({ line: Number(li.dataset.line), column: Number(li.dataset.column), code: li.dataset.code })));
      const marks = await page.evaluate(() => [...document.querySelectorAll('.cm-lintRange-error')].map((m) => m.textContent));
      return { ok: items.length > 0 && marks.length > 0, seen: { items, marks } };
    }, 'the unknown name after the astral characters should be flagged');
    if (JSON.stringify(seen.items) !== JSON.stringify([{ line, column: 10, code: 'E201' }])) fail(`diagnostics ${JSON.stringify(seen.items)}, expected E201 at ${line}:10`);
    if (seen.marks.join('') !== '未定义名') fail(`the underline covers ${JSON.stringify(seen.marks.join(''))}, not exactly 未定义名`);
    // Take the line out again and wait for the clean state.
    await page.evaluate(() => {
      const { view } = window.defenWorkbench.state.editor;
      const last = view.state.doc.line(view.state.doc.lines);
      view.dispatch({ changes: { from: last.from, to: last.to, insert: '' } });
    });
    await waitFor(page, async () => {
      const kind = await page.$eval('#check-status', (el) => el.dataset.kind);
      return { ok: kind === 'ok' || kind === 'warning', seen: kind };
    }, 'the standard should check clean again');
  });

  await step('the seed example uploaded scores 86.50 良 with 评分说明 and 得分依据', async () => {
    await page.setInputFiles('#data-file', path.join(sourceDir, 'examples/zhanjiang-2022/data.json'));
    await page.click('#evaluate-upload');
    await page.waitForSelector('#results .department');
    const total = await page.textContent('#results .department .total-value');
    const grade = await page.textContent('#results .department .grade-value');
    const name = await page.textContent('#results .department h3');
    if (total !== '86.50') fail(`total shows ${JSON.stringify(total)}, expected "86.50"`);
    if (grade !== '良') fail(`grade shows ${JSON.stringify(grade)}, expected "良"`);
    if (name !== '湛江市社会科学界联合会') fail(`department shows ${JSON.stringify(name)}`);
    const row = await page.$eval('#results tr[data-indicator="支出完成率"]', (tr) => [...tr.cells].map((c) => c.textContent));
    if (row[1] !== '4.00' || row[2] !== '4.00') fail(`支出完成率 row reads ${JSON.stringify(row)}, expected 分值 4.00 得分 4.00 (the standard's 2 places)`);
    if (!row[3].includes('100')) fail(`支出完成率's 评分说明 ${JSON.stringify(row[3])} does not show the 100% completion rate`);
    const bars = await page.$$eval('#results svg.chart .chart-bar', (rects) => rects.length);
    if (bars < 3) fail(`the 一级 chart has ${bars} bars`);
    // 得分依据 (POST /api/explain): the data read and the band met, under the indicator.
    await page.click('#results tr[data-indicator="支出完成率"] button.basis');
    await page.waitForSelector('#results tr.basis-row[data-indicator="支出完成率"] .basis');
    const basis = await page.textContent('#results tr.basis-row[data-indicator="支出完成率"]');
    for (const part of ['年度实际支出 = 3,974,522.77元', '财政下达预算数 = 3,974,522.77元', '支出完成率 = 100.00%', '结果 ≥ 100%']) {
      if (!basis.includes(part)) fail(`得分依据 of 支出完成率 lacks ${part}: ${JSON.stringify(basis)}`);
    }
    await page.click('#results tr[data-indicator="支出完成率"] button.basis');
    if (await page.$('#results tr.basis-row')) fail('a second click does not fold the 得分依据 away');
    // A reviewer's score is labelled with the reports' word; an ordinary score has no label.
    const reviewed = await page.textContent('#results tr[data-indicator="主要项目实现预期效果"] .status');
    if (reviewed !== '评审') fail(`主要项目实现预期效果 is labelled ${JSON.stringify(reviewed)}, expected 评审`);
    if (await page.$('#results tr[data-indicator="支出完成率"] .status')) fail('支出完成率 (an ordinary score) carries a status label');
  });

  await step('the XLSX report downloads as a non-empty workbook', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-xlsx')]);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    if (bytes.length < 1000) fail(`the download has ${bytes.length} bytes`);
    if (bytes.subarray(0, 2).toString('latin1') !== 'PK') fail(`the download starts with ${JSON.stringify(bytes.subarray(0, 4).toString('latin1'))}, not PK`);
    // Named after the standard's 名称 and the unit, not defen-report.xlsx.
    if (download.suggestedFilename() !== '湛江市市级部门整体支出绩效评价-湛江市社会科学界联合会.xlsx') fail(`suggested file name ${download.suggestedFilename()}`);
    console.log(`     ${download.suggestedFilename()}: ${bytes.length} bytes`);
  });

  await step('a screenshot is kept', async () => {
    fs.mkdirSync(artifacts, { recursive: true });
    const shot = path.join(artifacts, 'workbench.png');
    await page.screenshot({ path: shot });
    if (fs.statSync(shot).size < 10_000) fail(`${shot} is suspiciously small`);
    console.log(`     ${shot}`);
  });

  await step('the English switch changes the labels', async () => {
    await page.click('#lang-switch');
    const labels = await page.evaluate(() => ({
      upload: document.querySelector('#evaluate-upload').textContent,
      tab: document.querySelector('[data-tab=data]').textContent,
      switchTo: document.querySelector('#lang-switch').textContent,
      points: document.querySelector('#results .indicator-tree th:nth-child(2)').textContent,
      lang: document.documentElement.lang,
      status: document.querySelector('#check-status').textContent,
    }));
    const expected = { upload: 'Score the uploaded data', tab: 'Data & results', switchTo: '中文', points: 'Points', lang: 'en', status: 'No errors' };
    if (JSON.stringify(labels) !== JSON.stringify(expected)) fail(`labels ${JSON.stringify(labels)}, expected ${JSON.stringify(expected)}`);
    await page.screenshot({ path: path.join(artifacts, 'workbench-en.png') });
  });

  await page.click('#lang-switch');   // back to 中文 for the remaining steps

  await step('格式化 leaves the canonical seed standard unchanged', async () => {
    const before = await page.evaluate(() => window.defenWorkbench.state.editor.getText());
    await page.click('#format-button');
    await waitFor(page, async () => {
      const seen = await page.evaluate(() => ({ hidden: document.querySelector('#notice').hidden, text: document.querySelector('#notice').textContent }));
      return { ok: !seen.hidden && seen.text === '格式已规范，无需改动', seen };
    }, 'the notice should say the text is already formatted');
    const after = await page.evaluate(() => window.defenWorkbench.state.editor.getText());
    if (after !== before) fail('格式化 changed a ruleset that `defen fmt --check` accepts');
  });

  await step('the form generated from the 输入 declarations scores the seed department 86.50 良 too', async () => {
    const data = JSON.parse(fs.readFileSync(path.join(sourceDir, 'examples/zhanjiang-2022/data.json'), 'utf8'));
    await page.click('.form-box summary');
    const declared = await page.$$eval('#input-form [name]', (els) => els.map((e) => ({ name: e.name, tag: e.tagName })));
    if (declared.length < 30) fail(`the form has ${declared.length} fields`);
    const byName = new Map(declared.map((d) => [d.name, d.tag]));
    const extra = [];
    for (const [name, value] of Object.entries(data)) {
      if (name === '名称' || value === '' || value === null) continue;
      const tag = byName.get(name);
      const selector = `#input-form [name="${name}"]`;
      if (!tag) extra.push(`${name} = ${value}`);
      else if (tag === 'SELECT') await page.selectOption(selector, String(value));
      else await page.fill(selector, String(value));
    }
    // Every declared input of the example has its own field; what is left are 评审 scores, 核定分 and 说明.
    const indicatorNames = new Set(await page.evaluate(() => {
      const names = [];
      const walk = (nodes) => nodes.forEach((n) => { names.push(n.name); walk(n.children || []); });
      walk(window.defenWorkbench.state.check.indicators || []);
      return names;
    }));
    if (indicatorNames.size < 30) fail(`/api/check listed ${indicatorNames.size} indicators`);
    const undeclared = extra.filter((line) => !indicatorNames.has(line.split(' = ')[0].replace(/\.(核定分|说明)$/, '')));
    if (undeclared.length) fail(`data cells with no form field: ${undeclared.join('; ')}`);
    await page.fill('#form-unit', data['名称']);
    await page.fill('#form-extra', extra.join('\n'));
    await page.evaluate(() => document.querySelector('#results').replaceChildren());
    await page.click('#evaluate-form');
    await page.waitForSelector('#results .department .total-value');
    const shown = await page.evaluate(() => ({
      name: document.querySelector('#results .department h3').textContent,
      total: document.querySelector('#results .department .total-value').textContent,
      grade: document.querySelector('#results .department .grade-value').textContent,
    }));
    const expected = { name: data['名称'], total: '86.50', grade: '良' };
    if (JSON.stringify(shown) !== JSON.stringify(expected)) fail(`the form scored ${JSON.stringify(shown)}, expected ${JSON.stringify(expected)}`);
  });

  await step('差异 between the 2022 and 2023 standards lists 18 changes', async () => {
    await page.click('[data-tab=diff]');
    await page.selectOption('#diff-old', 'zhanjiang-2022-dept.rules');
    await page.selectOption('#diff-new', 'zhanjiang-2023-dept.rules');
    await page.click('#run-diff');
    await page.waitForSelector('#diff-result .summary');
    const summary = await page.textContent('#diff-result .summary');
    if (summary !== '共 18 处差异：文件头 2，评分规则 11，措辞 5') fail(`diff summary reads ${JSON.stringify(summary)}`);
    const rows = await page.$$eval('#diff-result tbody tr', (trs) => trs.length);
    if (rows !== 18) fail(`diff table has ${rows} rows`);
    // Words, not codes and positions: the first band change of 支出完成率 as the text report words it.
    const cells = await page.$$eval('#diff-result tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    const codes = cells.flat().filter((c) => /\b[a-z]+-[a-z-]+\b|\d+:\d+/.test(c));
    if (codes.length) fail(`the diff shows codes or positions: ${JSON.stringify(codes.slice(0, 3))}`);
    const band = cells.find((c) => c[2].startsWith('支出完成率：分段 100% ＞ 结果 ≥ 90% → 3分 改为'));
    if (!band || band[0] !== '修改·分段' || band[3] !== '旧第171行，新第25行') fail(`the 支出完成率 band change reads ${JSON.stringify(band)}`);
  });

  await step('at phone width (390 px) the panes stack and nothing overflows the page', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const layout = await page.evaluate(() => {
      const [editor, side] = document.querySelectorAll('main > .pane');
      return { editorBottom: editor.getBoundingClientRect().bottom, sideTop: side.getBoundingClientRect().top,
               sideWidth: side.getBoundingClientRect().width, pageWidth: document.documentElement.scrollWidth };
    });
    if (layout.sideTop < layout.editorBottom - 1) fail(`the side pane is not below the editor: ${JSON.stringify(layout)}`);
    if (layout.pageWidth > 391) fail(`the page is ${layout.pageWidth}px wide at a 390px viewport`);
    if (layout.sideWidth < 300) fail(`the side pane is only ${layout.sideWidth}px wide`);
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'workbench-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 960 });
  });

  await step('测试: the seed .tests pass, and a wrong expectation fails linked to its ruleset line', async () => {
    await page.click('[data-tab=tests]');
    await page.click('#run-tests');
    await page.waitForSelector('#tests-result .summary');
    const all = await page.textContent('#tests-result .summary');
    if (all !== '45 个用例：45 通过，0 失败') fail(`the seed tests report ${JSON.stringify(all)}`);
    await page.fill('#tests-text', ['用例 支出完成率恰为90%', '  年度实际支出 = 900,000.00', '  财政下达预算数 = 1,000,000.00', '  期望 支出完成率 4分', ''].join('\n'));
    await page.evaluate(() => document.querySelector('#tests-result').replaceChildren());
    await page.click('#run-tests');
    await page.waitForSelector('#tests-result .summary');
    const one = await page.textContent('#tests-result .summary');
    if (one !== '1 个用例：0 通过，1 失败') fail(`the wrong expectation reports ${JSON.stringify(one)}`);
    const link = await page.$('#tests-result .mismatch a.goto');
    if (!link) fail('the failure has no link to the ruleset');
    const line = Number(await link.getAttribute('data-line'));
    const indicatorLine = rulesText.findIndex((l) => /^\s*指标 支出完成率 /.test(l)) + 1;
    if (line !== indicatorLine) fail(`the failure links to line ${line}, not to 指标 支出完成率 on line ${indicatorLine}`);
    await link.click();
    const cursorLine = await page.evaluate(() => { const { view } = window.defenWorkbench.state.editor; return view.state.doc.lineAt(view.state.selection.main.head).number; });
    if (cursorLine !== line) fail(`clicking the link put the cursor on line ${cursorLine}, not ${line}`);
    console.log(`     failure linked to line ${line}`);
  });

  await step('a CSV upload under another standard (鄂州 2023 projects) shows what `defen eval` computes', async () => {
    const rules = path.join(sourceDir, 'rulesets/ezhou-2023-projects.rules');
    const csv = path.join(sourceDir, 'examples/ezhou-2023-projects/data.csv');
    const cli = JSON.parse(execFileSync(defen, ['eval', rules, csv, '--format', 'json'], { encoding: 'utf8' })).results;
    const expected = cli.map((r) => [r.id, r.total, r.grade ?? '—']);
    if (expected.length !== 5) fail(`defen eval scored ${expected.length} projects, expected the example's 5`);
    await page.click('[data-tab=data]');
    await page.selectOption('#ruleset-select', 'ezhou-2023-projects.rules');
    await waitFor(page, async () => {
      const seen = await page.evaluate(() => ({ file: document.querySelector('#file-name').textContent, kind: document.querySelector('#check-status').dataset.kind }));
      return { ok: seen.file === 'ezhou-2023-projects.rules' && (seen.kind === 'ok' || seen.kind === 'warning'), seen };
    }, 'ezhou-2023-projects.rules should open and check clean');
    await page.setInputFiles('#data-file', csv);
    await page.evaluate(() => document.querySelector('#results').replaceChildren());
    await page.click('#evaluate-upload');
    await page.waitForSelector('#results .rows-table');
    const shown = await page.$$eval('#results .rows-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].slice(1, 4).map((c) => c.textContent)));
    const same = shown.length === expected.length && shown.every((row, i) => row[0] === expected[i][0] && Number(row[1]) === expected[i][1] && row[2] === expected[i][2]);
    if (!same) fail(`the page shows ${JSON.stringify(shown)}, defen eval says ${JSON.stringify(expected)}`);
    // Choosing a line shows that project's card (its indicators and 评分说明).
    await page.click('#results .rows-table tbody tr:nth-child(4)');
    const card = await page.evaluate(() => ({ name: document.querySelector('#results .department h3').textContent, total: document.querySelector('#results .department .total-value').textContent }));
    if (card.name !== expected[3][0] || Number(card.total) !== expected[3][1]) fail(`the 4th line opens ${JSON.stringify(card)}, expected ${expected[3][0]} ${expected[3][1]}`);
    await page.screenshot({ path: path.join(artifacts, 'workbench-rows.png') });
  });

  await step('对比 scores the departments under both standards as `defen compare` does', async () => {
    const cli = JSON.parse(execFileSync(defen, ['compare', path.join(sourceDir, 'rulesets/zhanjiang-2022-dept.rules'),
      path.join(sourceDir, 'rulesets/zhanjiang-2023-dept.rules'), path.join(sourceDir, 'examples/zhanjiang-departments/data.json'), '--format', 'json'], { encoding: 'utf8' }));
    // The JSON is exact (86.5); the page shows the standards' places, as the terminal does (86.50, -1.50).
    const places = Math.max(cli.before.places, cli.after.places);
    if (places !== 2) fail(`defen compare gives places ${places}, expected the examples' 2`);
    const fixed = (x) => Number(x).toFixed(places);  // exact here: the totals have at most 2 decimals
    const signed = (x) => (x > 0 ? `+${fixed(x)}` : fixed(x));
    const expected = cli.departments.map((d) => [d.id, fixed(d.before.total), d.before.grade, fixed(d.after.total), d.after.grade, signed(d.change)]);
    if (expected[0][1] !== '86.50') fail(`湛江市社科联's 2022 total is ${expected[0][1]}, expected 86.50`);
    if (expected.length !== 3) fail(`defen compare scored ${expected.length} departments, expected the example's 3`);
    await page.click('[data-tab=compare]');
    await page.selectOption('#compare-old', 'zhanjiang-2022-dept.rules');
    await page.selectOption('#compare-new', 'zhanjiang-2023-dept.rules');
    await page.setInputFiles('#compare-data', path.join(sourceDir, 'examples/zhanjiang-departments/data.json'));
    await page.click('#run-compare');
    await page.waitForSelector('#compare-result .department');
    const shown = await page.$$eval('#compare-result .department', (cards) => cards.map((c) => ['h3', '.before-total', '.before-grade', '.after-total', '.after-grade', '.change-value'].map((s) => c.querySelector(s).textContent)));
    if (JSON.stringify(shown) !== JSON.stringify(expected)) fail(`the page shows ${JSON.stringify(shown)}, defen compare says ${JSON.stringify(expected)}`);
    const gradeChange = await page.$$eval('#compare-result .grade-changed', (els) => els.map((e) => e.textContent));
    if (JSON.stringify(gradeChange) !== JSON.stringify(['等级变化：优 → 良'])) fail(`grade changes shown: ${JSON.stringify(gradeChange)}`);
  });

  await step('展开 shows the effective standard of zhanjiang-2023-dept (基于 2022), read-only', async () => {
    await page.selectOption('#ruleset-select', 'zhanjiang-2023-dept.rules');
    await waitFor(page, async () => {
      const seen = await page.evaluate(() => ({ file: document.querySelector('#file-name').textContent, disabled: document.querySelector('#effective-button').disabled }));
      return { ok: seen.file === 'zhanjiang-2023-dept.rules' && !seen.disabled, seen };
    }, '展开 should be enabled for a 基于 standard');
    await page.click('#effective-button');
    const view = await page.evaluate(() => ({
      text: document.querySelector('#effective-editor .cm-content').innerText,
      editable: document.querySelector('#effective-editor .cm-content').getAttribute('contenteditable'),
      editorHidden: document.querySelector('#editor').hidden,
    }));
    if (!view.editorHidden) fail('the editor stays visible beside the effective view');
    if (view.editable === 'true') fail('the effective view is editable');
    if (!view.text.includes('名称 "湛江市市级部门整体支出绩效评价"') || !view.text.includes('年度 2023')) fail(`the effective text lacks the merged header: ${view.text.slice(0, 200)}`);
    if (/^\s*基于 /m.test(view.text)) fail('the effective text still says 基于');
    await page.click('#effective-button');
    if (await page.evaluate(() => document.querySelector('#editor').hidden)) fail('返回编辑 did not bring the editor back');
  });

  await step('保存 writes the edited standard and keeps the previous one in .history/', async () => {
    const saved = path.join(tmpDir, 'rulesets', 'zhanjiang-2023-dept.rules');
    const before = fs.readFileSync(saved, 'utf8');
    await page.evaluate(() => {
      const { view } = window.defenWorkbench.state.editor;
      view.dispatch({ selection: { anchor: view.state.doc.length }, scrollIntoView: true });
      view.focus();
    });
    await page.keyboard.type('\n# 工作台保存测试\n');
    if (await page.getAttribute('#file-name', 'data-dirty') !== 'true') fail('the file name does not show ● for unsaved changes');
    await page.keyboard.press('Control+s');
    await waitFor(page, async () => {
      const seen = await page.evaluate(() => ({ hidden: document.querySelector('#notice').hidden, text: document.querySelector('#notice').textContent }));
      return { ok: !seen.hidden && seen.text === '已保存 zhanjiang-2023-dept.rules', seen };
    }, 'the notice should say the file was saved');
    if (await page.getAttribute('#file-name', 'data-dirty') !== 'false') fail('the file name still shows ● after saving');
    const after = fs.readFileSync(saved, 'utf8');
    if (!after.endsWith('# 工作台保存测试\n') || !after.startsWith(before.trimEnd())) fail(`the saved file ends ${JSON.stringify(after.slice(-40))}`);
    const history = fs.readdirSync(path.join(tmpDir, 'rulesets', '.history')).filter((f) => f.startsWith('zhanjiang-2023-dept.rules.'));
    if (history.length !== 1) fail(`.history holds ${JSON.stringify(history)}`);
    if (fs.readFileSync(path.join(tmpDir, 'rulesets', '.history', history[0]), 'utf8') !== before) fail('the .history copy is not the previous text');
  });

  await step('an Excel 项目支出绩效自评表 uploaded shows its 三级 lines, the unit\'s and the rule\'s 得分, and the 提示', async () => {
    const form = filledForm();
    const file = path.join(tmpDir, '自评表.xlsx');
    fs.writeFileSync(file, form);
    const cli = JSON.parse(execFileSync(defen, ['eval', path.join(sourceDir, 'rulesets/project-self-2020.rules'), file, '--format', 'json'], { encoding: 'utf8' })).results[0];
    if (cli.total !== 93.79 || cli.computed !== 89.79) fail(`defen eval scores the form ${cli.total} (rules alone ${cli.computed}), expected 93.79 (89.79)`);
    await page.click('[data-tab=data]');
    await page.selectOption('#ruleset-select', 'project-self-2020.rules');
    await waitFor(page, async () => {
      const seen = await page.evaluate(() => ({ file: document.querySelector('#file-name').textContent, kind: document.querySelector('#check-status').dataset.kind }));
      return { ok: seen.file === 'project-self-2020.rules' && (seen.kind === 'ok' || seen.kind === 'warning'), seen };
    }, 'project-self-2020.rules should open and check clean');
    await page.setInputFiles('#data-file', { name: '自评表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: form });
    await page.evaluate(() => document.querySelector('#results').replaceChildren());
    await page.click('#evaluate-upload');
    await page.waitForSelector('#results .department table.row-set');
    const card = await page.evaluate(() => ({
      name: document.querySelector('#results .department h3').textContent,
      total: document.querySelector('#results .department .total-value').textContent,
      grade: document.querySelector('#results .department .grade-value').textContent,
      computed: document.querySelector('#results .department .computed-total strong')?.textContent,
      rows: [...document.querySelectorAll('#results table.row-set tbody tr')].map((tr) => [...tr.cells].map((c) => c.textContent)),
      warnings: document.querySelector('#results .department .row-warnings')?.textContent || '',
    }));
    if (card.name !== '委托业务项目' || card.total !== '93.79' || card.grade !== '优') fail(`the card shows ${JSON.stringify(card)}`);
    if (card.computed !== '89.79') fail(`the rule-only total shows ${JSON.stringify(card.computed)}, expected 89.79`);
    if (card.rows.length !== 3) fail(`${card.rows.length} 三级 lines shown, expected 3: ${JSON.stringify(card.rows)}`);
    const [level1, level2, name, target, achieved, points, score, rule, reason] = card.rows[1];
    const seen = [level1, level2, name, target, achieved, points, score, rule];
    const expected = ['效益指标', '可持续影响指标', '项目成果持续发挥作用年限', '≥3年', '2', '30.00', '24.00', '20.00'];
    if (JSON.stringify(seen) !== JSON.stringify(expected)) fail(`the second line reads ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`);
    if (!reason.startsWith('部分成果尚在验证')) fail(`the reason column reads ${JSON.stringify(reason)}`);
    if (card.rows[2][6] !== '9.79' || card.rows[2][7] !== '') fail(`the 满意度 line (no unit 得分) reads ${JSON.stringify(card.rows[2])}`);
    if (!card.warnings.includes('自评得分24分高于按规则计算的20分')) fail(`the 提示 read ${JSON.stringify(card.warnings)}`);
    await page.locator('#results .department').screenshot({ path: path.join(artifacts, 'workbench-project-form.png') });
    // The Word report of the same upload: the national form, named after the standard and the project.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-docx')]);
    const bytes = fs.readFileSync(await download.path());
    if (bytes.subarray(0, 2).toString('latin1') !== 'PK') fail(`the Word download starts with ${JSON.stringify(bytes.subarray(0, 4).toString('latin1'))}, not PK`);
    if (download.suggestedFilename() !== '项目支出绩效自评表（单位自评）-委托业务项目.docx') fail(`suggested file name ${download.suggestedFilename()}`);
    if (!bytes.includes(Buffer.from('word/document.xml'))) fail('the Word download has no word/document.xml');
  });

  if (pageErrors.length) fail(`the page logged errors: ${pageErrors.join(' | ')}`);
  if (foreign.length) fail(`the page asked for outside addresses: ${foreign.join(', ')}`);
}

let status = 0;
try {
  await main();
} catch (e) {
  status = 1;
  console.error(`web_e2e: ${e.message}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  cleanup();
}
const passed = results.filter((r) => r.ok).length;
console.log(`web_e2e: ${passed} passed, ${results.length - passed} failed`);
process.exit(status);
