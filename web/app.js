// plancheck serve: the page.  Everything it shows comes from this server's
// API (POST /api/view for a draft's findings, text, figures and timeline;
// /api/check, /api/report, /api/fix; GET /api/templates, /api/template);
// it names no program, field or figure of its own.  No library, nothing
// fetched from elsewhere; the Content-Security-Policy allows only this file.
'use strict';

const $ = (id) => document.getElementById(id);
const SEV_JA = { error: 'エラー', warning: '警告', info: '情報' };
const SEV_RANK = { error: 0, warning: 1, info: 2 };
const RECHECK_MS = 350;

const state = {
  name: null,        // the draft's file name
  bytes: null,       // the file as chosen (sent as is until edited)
  edited: false,     // the text area is now the draft
  readonly: false,   // a Word file: shown as read, not edited here
  view: null,        // the last /api/view answer
  findings: [],      // sorted: errors first, then by place
  seq: 0,            // answers to older requests are dropped
  timer: 0,
  inflight: null,
};

// ---- talking to the server -------------------------------------------------

function token() { return sessionStorage.getItem('plancheck-token') || ''; }

async function api(path, opts = {}) {
  const headers = Object.assign({}, opts.headers || {});
  if (token()) headers['X-Plancheck-Token'] = token();
  const res = await fetch(path, Object.assign({}, opts, { headers, credentials: 'same-origin', cache: 'no-store' }));
  if (res.status === 401) {
    $('token-box').hidden = false;
    $('token-input').focus();
  }
  if (!res.ok) {
    let msg = `サーバーが ${res.status} を返しました`;
    try { const j = await res.json(); if (j && j.error) msg = j.error; } catch (e) { /* not JSON */ }
    const err = new Error(msg);
    err.status = res.status;
    throw err;
  }
  return res;
}

function postDraft(endpoint, name, body, signal) {
  return api(`/api/${endpoint}?name=${encodeURIComponent(name)}`, {
    method: 'POST', body, signal, headers: { 'Content-Type': 'application/octet-stream' },
  });
}

function currentBody() {
  return state.edited ? new TextEncoder().encode($('text').value) : state.bytes;
}

function status(msg, isError) {
  const s = $('status');
  s.textContent = msg || '';
  s.classList.toggle('error', !!isError);
}

function save(blob, filename) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
}

function baseName(name) { return name.replace(/\.[^.]*$/, '') || 'plan'; }

// ---- positions: the JSON's 1-based line and character column to an index
// into the JavaScript string (UTF-16) ------------------------------------------

function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function toIndex(text, starts, line, col) {
  if (line - 1 >= starts.length) return text.length;
  let i = starts[line - 1];
  for (let c = 1; c < col && i < text.length; c++) {
    const cu = text.charCodeAt(i);
    i += (cu >= 0xd800 && cu <= 0xdbff) ? 2 : 1;
  }
  return Math.min(i, text.length);
}

// ---- the draft with its marks ----------------------------------------------------

function escapeHtml(s) {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
}

function renderMarks() {
  const text = $('text').value;
  const fs = state.findings;
  // the marks cover [start, end) of each finding; where several overlap the
  // most severe colours the text, and each keeps its own id in data-f
  const bounds = new Set([0, text.length]);
  fs.forEach((f) => { bounds.add(f.s); bounds.add(f.e); });
  const points = [...bounds].sort((a, b) => a - b);
  let html = '';
  for (let k = 0; k < points.length; k++) {
    const at = points[k];
    // zero-width findings (a missing heading, an empty field): a pointer
    fs.forEach((f) => {
      if (f.s === f.e && f.s === at) html += `<mark class="point ${f.severity}" data-f="${f.i}"></mark>`;
    });
    if (k + 1 === points.length) break;
    const next = points[k + 1];
    const seg = escapeHtml(text.slice(at, next));
    const on = fs.filter((f) => f.s < f.e && f.s <= at && f.e >= next);
    if (!on.length) { html += seg; continue; }
    const top = on.reduce((a, b) => (SEV_RANK[a.severity] <= SEV_RANK[b.severity] ? a : b));
    html += `<mark class="${top.severity}" data-f="${on.map((f) => f.i).join(' ')}">${seg}</mark>`;
  }
  // a final line break shows in a textarea; give the backdrop the same height
  $('backdrop').innerHTML = html + '\n';
  $('backdrop').scrollTop = $('text').scrollTop;
}

function marksOf(i) {
  return [...$('backdrop').querySelectorAll('mark')].filter((m) => m.dataset.f.split(' ').includes(String(i)));
}

function select(i, scroll) {
  document.querySelectorAll('#finding-list li.active, #backdrop mark.active').forEach((e) => e.classList.remove('active'));
  const li = document.querySelector(`#finding-list li[data-f="${i}"]`);
  if (!li) return;
  li.classList.add('active');
  const marks = marksOf(i);
  marks.forEach((m) => m.classList.add('active'));
  if (scroll) {
    const f = state.findings.find((x) => x.i === i);
    const ta = $('text');
    if (marks.length) ta.scrollTop = Math.max(0, marks[0].offsetTop - ta.clientHeight / 3);
    $('backdrop').scrollTop = ta.scrollTop;
    if (f) {
      ta.focus({ preventScroll: true });
      ta.setSelectionRange(f.s, f.e);
    }
  } else li.scrollIntoView({ block: 'nearest' });
}

// ---- the findings, the cover -----------------------------------------------------

function renderFindings() {
  const ol = $('finding-list');
  ol.textContent = '';
  for (const f of state.findings) {
    const li = document.createElement('li');
    li.className = f.severity + (f.waived ? ' waived' : '');
    li.dataset.f = f.i;
    li.dataset.rule = f.rule;
    const head = document.createElement('div');
    head.innerHTML = `<span class="sev">${SEV_JA[f.severity] || f.severity}</span><span class="where"></span>`;
    // a Word draft: where it is in the document as Word shows it (the
    // lines are those of the text read from it, which its writer never saw)
    head.querySelector('.where').textContent = f.place
      ? `${f.place.where} · ${f.rule}` : `${f.line} 行 ${f.column} 字 · ${f.rule}`;
    li.appendChild(head);
    if (f.place && f.place.quote) {
      const q = document.createElement('div');
      q.className = 'quote';
      q.textContent = `「${f.place.quote}」`;
      li.appendChild(q);
    }
    const msg = document.createElement('div');
    msg.className = 'msg';
    msg.textContent = f.message;
    li.appendChild(msg);
    if (f.suggestion) {
      const s = document.createElement('div');
      s.className = 'sugg';
      s.textContent = '→ ' + f.suggestion;
      li.appendChild(s);
    }
    if (f.cite) {
      const c = document.createElement('div');
      c.className = 'cite';
      c.textContent = '根拠: マニュアル ' + (f.cite_title || f.cite);
      li.appendChild(c);
    }
    if (f.waived) {
      const w = document.createElement('div');
      w.className = 'cite';
      w.textContent = '除外: ' + (f.waiver_reason || '');
      li.appendChild(w);
    }
    li.addEventListener('click', () => select(f.i, true));
    ol.appendChild(li);
  }
  const sum = state.view.check.files[0].summary;
  $('findings-count').textContent = `エラー ${sum.error} · 警告 ${sum.warning} · 情報 ${sum.info}`;
}

function renderCover() {
  const v = state.view;
  const file = v.check.files[0];
  const ok = file.summary.error === 0;
  const verdict = $('verdict');
  verdict.textContent = ok ? '提出可' : '要修正';
  verdict.className = ok ? 'pass' : 'fail';
  $('counts').textContent = `エラー ${file.summary.error}、警告 ${file.summary.warning}、情報 ${file.summary.info}` +
    (file.summary.waived ? `（除外 ${file.summary.waived}）` : '');
  // the rows the rule packs declare for the cover: value, what it is
  // compared with, the verdict; a failing one in red, as on the PDF
  const jb = $('judged').tBodies[0];
  jb.textContent = '';
  for (const row of v.cover || []) {
    const tr = jb.insertRow();
    for (const t of [row.label, row.display, row.compare || '', row.verdict || '']) tr.insertCell().textContent = t;
    tr.dataset.key = row.key;
    if (row.failed) tr.className = 'fail';
  }
  const tb = $('figures').tBodies[0];
  tb.textContent = '';
  // the figures the rule packs declare, as they declare them
  const failing = new Set(file.findings.filter((f) => f.severity === 'error' && !f.waived).map((f) => f.rule));
  for (const fig of v.figures) {
    const tr = tb.insertRow();
    tr.insertCell().textContent = fig.label || fig.key;
    tr.insertCell().textContent = fig.display;
    tr.dataset.key = fig.key;
  }
  const ol = $('timeline');
  ol.textContent = '';
  const steps = v.timeline.slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const st of steps) {
    const li = document.createElement('li');
    const when = document.createElement('span');
    when.className = 'when';
    when.textContent = st.display;
    li.appendChild(when);
    li.appendChild(document.createTextNode(st.label));
    for (const d of v.deadlines.filter((x) => x.step === st.step)) {
      const late = d.after ? st.date < d.date : st.date > d.date;
      const lim = document.createElement('span');
      lim.className = 'limit';
      lim.textContent = `${d.after ? '' : '期限 '}${d.display}${d.after ? ' 以後' : ' まで'}${late ? '（超過）' : ''}`;
      li.appendChild(lim);
      if (late || failing.has(d.rule)) li.classList.add('late');
    }
    ol.appendChild(li);
  }
  // steps a flow rule needs that the plan does not give
  for (const m of v.missing || []) {
    const li = document.createElement('li');
    li.className = 'missing';
    li.textContent = `（日付なし）${m.label}`;
    ol.appendChild(li);
  }
  if (!steps.length && !(v.missing || []).length) {
    const li = document.createElement('li');
    li.textContent = '日程は書かれていません';
    ol.appendChild(li);
  }
}

function show(view) {
  state.view = view;
  const file = view.check.files[0];
  const ta = $('text');
  if (!state.edited) ta.value = view.text;
  const text = ta.value;
  const starts = lineStarts(text);
  state.findings = file.findings.map((f, i) => {
    const s = toIndex(text, starts, f.line, f.column);
    const e = Math.max(s, toIndex(text, starts, f.end_line, f.end_column));
    return Object.assign({ i, s, e }, f);
  }).sort((a, b) => (SEV_RANK[a.severity] - SEV_RANK[b.severity]) || (a.s - b.s) || (a.i - b.i));
  $('work').hidden = false;
  $('draft-name').textContent = state.name + (state.edited ? '（編集中）' : '');
  renderCover();
  renderFindings();
  renderMarks();
  $('btn-pdf').disabled = false;
  $('btn-fix').disabled = state.readonly;
  $('btn-import').disabled = false;
  document.body.dataset.checked = String(state.seq);
}

async function recheck() {
  const my = ++state.seq;
  if (state.inflight) state.inflight.abort();
  state.inflight = new AbortController();
  status('点検しています…');
  try {
    const res = await postDraft('view', state.name, currentBody(), state.inflight.signal);
    const view = await res.json();
    if (my !== state.seq) return;
    show(view);
    const s = view.check.files[0].summary;
    status(`点検しました: エラー ${s.error}、警告 ${s.warning}、情報 ${s.info}`);
  } catch (e) {
    if (e.name === 'AbortError') return;
    status(e.message, true);
  }
}

// ---- opening drafts -------------------------------------------------------------------

async function openDraft(name, bytes) {
  state.name = name;
  state.bytes = bytes;
  state.edited = false;
  state.readonly = /\.docx$/i.test(name);
  const ta = $('text');
  ta.readOnly = state.readonly;
  ta.value = '';
  ta.scrollTop = 0;
  await recheck();
}

async function openFiles(files) {
  files = [...files];
  if (!files.length) return;
  if (files.length === 1) {
    $('batch').hidden = true;
    await openDraft(files[0].name, new Uint8Array(await files[0].arrayBuffer()));
    return;
  }
  // several drafts: one row each, like review's summary.csv
  const tb = $('batch-table').tBodies[0];
  tb.textContent = '';
  $('batch').hidden = false;
  $('work').hidden = true;   // until a row is opened
  // the buttons act on the draft in the work area, hidden now: each row has its PDF
  for (const id of ['btn-pdf', 'btn-fix', 'btn-import']) $(id).disabled = true;
  status(`${files.length} 件を点検しています…`);
  let done = 0;
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const tr = tb.insertRow();
    const nameCell = tr.insertCell();
    const a = document.createElement('a');
    a.textContent = file.name;
    a.title = 'この下書きを開く';
    a.addEventListener('click', () => openDraft(file.name, bytes));
    nameCell.appendChild(a);
    try {
      const res = await postDraft('check', file.name, bytes);
      const j = (await res.json()).files[0];
      const cells = [j.program || '', j.round == null ? '' : String(j.round),
        j.summary.error, j.summary.warning, j.summary.info];
      cells.forEach((c, k) => { const td = tr.insertCell(); td.textContent = c; if (k >= 1) td.className = 'num'; });
      const v = tr.insertCell();
      v.className = 'verdict';
      v.textContent = j.summary.error ? '要修正' : '提出可';
      tr.className = j.summary.error ? 'fail' : 'pass';
      const pdf = tr.insertCell();
      const pa = document.createElement('a');
      pa.textContent = 'PDF';
      pa.className = 'pdf-link';
      pa.addEventListener('click', async () => {
        try {
          const r = await postDraft('report', file.name, bytes);
          save(await r.blob(), baseName(file.name) + '.pdf');
        } catch (e) { status(e.message, true); }
      });
      pdf.appendChild(pa);
    } catch (e) {
      const td = tr.insertCell();
      td.colSpan = 7;
      td.textContent = e.message;
    }
    done++;
  }
  status(`${done} 件を点検しました。ファイル名を押すとその下書きを開きます`);
  document.body.dataset.batch = String(done);
}

// ---- buttons ----------------------------------------------------------------------------

async function download(endpoint, ext) {
  try {
    status('作っています…');
    const res = await postDraft(endpoint, state.name, currentBody());
    const type = res.headers.get('Content-Type') || '';
    let filename = baseName(state.name) + ext;
    if (endpoint === 'fix') {
      const n = res.headers.get('X-Plancheck-Replaced');
      filename = baseName(state.name) + '-修正' + (state.edited ? '.md' : (state.name.match(/\.[^.]*$/) || ['.md'])[0]);
      status(`${n} か所を置き換えました`);
    } else status('保存しました');
    save(new Blob([await res.arrayBuffer()], { type }), filename);
  } catch (e) { status(e.message, true); }
}

async function loadTemplates() {
  try {
    const res = await api('/api/templates');
    const list = await res.json();
    const sel = $('template-select');
    sel.textContent = '';
    for (const t of list) {
      const o = document.createElement('option');
      o.value = JSON.stringify({ program: t.program, topup: t.topup });
      o.textContent = t.topup_title ? `${t.title}＋${t.topup_title}` : t.title;
      sel.appendChild(o);
    }
  } catch (e) { /* shown when the token is asked for */ }
}

function setup() {
  const drop = $('drop');
  ['dragenter', 'dragover'].forEach((ev) => document.addEventListener(ev, (e) => {
    e.preventDefault();
    drop.classList.add('over');
  }));
  ['dragleave', 'drop'].forEach((ev) => document.addEventListener(ev, () => drop.classList.remove('over')));
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) openFiles(e.dataTransfer.files);
  });
  $('file-input').addEventListener('change', (e) => openFiles(e.target.files));
  $('btn-new-text').addEventListener('click', async () => {
    const res = await api('/api/template').catch((e) => { status(e.message, true); });
    if (!res) return;
    await openDraft('下書き.md', new Uint8Array(await res.arrayBuffer()));
    $('text').focus();
  });
  const ta = $('text');
  ta.addEventListener('input', () => {
    state.edited = true;
    // the marks follow the text at once only where nothing moved; the
    // server's answer a moment later puts them right
    clearTimeout(state.timer);
    state.timer = setTimeout(recheck, RECHECK_MS);
  });
  ta.addEventListener('scroll', () => { $('backdrop').scrollTop = ta.scrollTop; });
  const caret = () => {
    const at = ta.selectionStart;
    const f = state.findings.find((x) => x.s <= at && at <= x.e);
    if (f) select(f.i, false);
  };
  ta.addEventListener('click', caret);
  ta.addEventListener('keyup', caret);
  $('btn-pdf').addEventListener('click', () => download('report', '.pdf'));
  $('btn-fix').addEventListener('click', () => download('fix', '.md'));
  $('btn-import').addEventListener('click', () => download('import', '.md'));
  $('template-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const t = JSON.parse($('template-select').value || '{}');
    const q = new URLSearchParams();
    if (t.program) q.set('program', t.program);
    if (t.topup) q.set('topup', t.topup);
    if ($('template-round').value) q.set('round', $('template-round').value);
    if ($('template-frame').value) q.set('frame', $('template-frame').value);
    try {
      const res = await api('/api/template?' + q.toString());
      save(await res.blob(), 'plan.md');
      status('ひな形を保存しました。記入したら、ここに落として点検してください');
    } catch (err) { status(err.message, true); }
  });
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem('plancheck-token', $('token-input').value);
    $('token-box').hidden = true;
    loadTemplates();
    if (state.name) recheck();
  });
  loadTemplates();
}

setup();
