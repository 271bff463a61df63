// The client of `defen serve`'s HTTP API (docs/api.md). Every call returns the
// parsed JSON, or throws an ApiError carrying the server's {error:{code,
// message, messageEn}} and, for a ruleset with errors, its diagnostics.
import { currentLang } from './i18n.js';
import { emit } from './state.js';

export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super((currentLang() === 'en' ? err.messageEn : err.message) || err.message || `HTTP ${status}`);
    this.status = status;
    this.code = err.code || 'http';
    this.diagnostics = (body && body.diagnostics) || [];
  }
}

async function parseError(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = { error: { code: 'http', message: `HTTP ${response.status} ${response.statusText}` } };
  }
  return new ApiError(response.status, body);
}

async function request(method, path, body) {
  // X-Defen: the server refuses a POST or PUT without it (docs/api.md,
  // Security): a page on another site cannot add it without asking first.
  const init = { method, headers: { 'X-Defen': '1' } };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json; charset=utf-8';
    init.body = JSON.stringify({ lang: currentLang(), ...body });
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { error: { code: 'network', message: `无法连接 defen serve：${e.message}`, messageEn: `Cannot reach defen serve: ${e.message}` } });
  }
  if (!response.ok) throw await parseError(response);
  emit('request-ok');   // a red notice about an earlier failure is stale now
  return response;
}

// Scores keep the decimals the ruleset rounds to (86.50, not 86.5): where the
// browser gives the reviver the number's source text, keep that text.
const SCORE_KEYS = new Set(['total', 'score', 'max', 'computed', 'averageTotal', 'change']);
function keepScoreText(key, value, context) {
  if (typeof value === 'number' && SCORE_KEYS.has(key) && context && typeof context.source === 'string') return context.source;
  return value;
}

const json = async (method, path, body) => JSON.parse(await (await request(method, path, body)).text(), keepScoreText);

export const api = {
  health: () => json('GET', '/api/health'),
  rulesets: () => json('GET', '/api/rulesets'),
  openRuleset: (file) => json('GET', `/api/rulesets/${encodeURIComponent(file)}`),
  saveRuleset: (file, text) => json('PUT', `/api/rulesets/${encodeURIComponent(file)}`, { text }),
  check: (ref) => json('POST', '/api/check', ref),
  format: (text) => json('POST', '/api/format', { text }),
  evaluate: (ref, records) => json('POST', '/api/evaluate', { ...ref, records, format: 'json' }),
  evaluateUpload: (ref, dataFile, extra = {}) => json('POST', '/api/evaluate', uploadForm(ref, dataFile, extra)),
  // A report file (html/xlsx/docx/md) for the same request: resolves to a Blob.
  report: async (ref, data, format) => {
    const body = data.file ? uploadForm(ref, data.file, { format, sheet: data.sheet })
      : { ...ref, records: data.records, format };
    return (await request('POST', '/api/evaluate', body)).blob();
  },
  // 得分依据 of one indicator for every row of the data (the caller picks its row):
  // multipart fields arrive as text, so the row is not sent.
  explain: (ref, data, indicator) => (data.file
    ? json('POST', '/api/explain', uploadForm(ref, data.file, { indicator, sheet: data.sheet }))
    : json('POST', '/api/explain', { ...ref, records: data.records, indicator })),
  diff: (oldRef, newRef) => json('POST', '/api/diff', { old: oldRef, new: newRef, format: 'json' }),
  compare: (oldRef, newRef, data) => (data.file
    ? json('POST', '/api/compare', compareForm(oldRef, newRef, data.file))
    : json('POST', '/api/compare', { old: oldRef, new: newRef, records: data.records })),
  test: (ref, tests) => json('POST', '/api/test', tests ? { ...ref, tests } : ref),
};

// Multipart body of an upload: the ruleset as the parts `text`/`file`,
// `ruleset` or `path`, the data file as `data`.
function uploadForm(ref, dataFile, extra) {
  const form = new FormData();
  for (const [key, value] of Object.entries(ref)) if (value != null) form.append(key, value);
  form.append('data', dataFile, dataFile.name);
  form.append('lang', currentLang());
  for (const [key, value] of Object.entries(extra)) if (value) form.append(key, value);
  return form;
}

function compareForm(oldRef, newRef, dataFile) {
  const form = new FormData();
  for (const [prefix, ref] of [['old_', oldRef], ['new_', newRef]]) {
    for (const [key, value] of Object.entries(ref)) if (value != null) form.append(prefix + key, value);
  }
  form.append('data', dataFile, dataFile.name);
  form.append('lang', currentLang());
  return form;
}
