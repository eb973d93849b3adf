import './dashboard.css';
import { ApiError, download, forgetToken, getJson, saveToken, savedToken } from './dashboard-api.ts';
import { coefficientPlot, type EstimateRow } from './dashboard-plot.ts';

// The researcher dashboard: waves with progress, the completion funnel, live estimates per hypothesis as
// coefficient plots, precision against the target N, and downloads. Every value from the server is written
// with textContent, never as HTML.

interface WaveReport {
  id: string;
  study: string;
  studyVersion: number;
  title: string;
  status: string;
  target: number;
  completes: number;
  screenouts: number;
  overquota: number;
  partials: number;
  funnel: { started: number; consented: number; reachedVignette: number; completed: number };
  cells: ({ index: number; assigned: number; completes: number } & Record<string, string | number>)[];
}
interface Precision { hypothesis: string; outcome: string; term: string; ci_width: number; mde_now: number; mde_target: number }
interface Estimates {
  planHash: string;
  nComplete: number;
  target: number;
  nExcluded: number;
  estimates: EstimateRow[];
  problems: { hypothesis: string; outcome: string | null; message: string }[];
  precision: Precision[];
}
interface PlanView {
  planHash: string;
  plan: { alpha?: number; hypotheses: { id: string; description: string; direction?: Record<string, string> }[] };
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}
const fmt = (x: number | null | undefined): string =>
  x === null || x === undefined ? 'NA' : x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(2) : x.toFixed(3);

function setStatus(message: string, error = false): void {
  const status = $('dash-status');
  status.textContent = message;
  status.classList.toggle('dash-error', error);
}

function table(head: string[], rows: (string | number | Node)[][], numeric: boolean[] = []): HTMLTableElement {
  const t = el('table', undefined, 'dash-table');
  const tr = t.createTHead().insertRow();
  for (const h of head) tr.append(el('th', h));
  const body = t.createTBody();
  for (const row of rows) {
    const r = body.insertRow();
    row.forEach((cell, j) => {
      const td = el('td', undefined, numeric[j] ? 'num' : undefined);
      if (cell instanceof Node) td.append(cell);
      else td.textContent = String(cell);
      r.append(td);
    });
  }
  return t;
}

function bar(share: number): HTMLElement {
  const track = el('span', undefined, 'dash-bar-track');
  const fill = el('span', undefined, 'dash-bar');
  fill.style.width = `${Math.round(Math.min(1, Math.max(0, share)) * 100)}%`;
  track.append(fill);
  return track;
}

function showTokenForm(message?: string): void {
  $('dash-token-form').hidden = false;
  $('dash-waves').hidden = true;
  $('dash-wave').hidden = true;
  $('dash-signout').hidden = true;
  setStatus(message ?? '', message !== undefined);
}

let current: string | null = null;

async function loadWaves(): Promise<void> {
  const { waves } = await getJson<{ waves: WaveReport[] }>('/waves');
  $('dash-token-form').hidden = true;
  $('dash-signout').hidden = false;
  const section = $('dash-waves');
  section.hidden = false;
  const open = (id: string) => {
    const b = el('button', 'Open', 'dash-secondary');
    b.type = 'button';
    b.addEventListener('click', () => void showWave(id));
    return b;
  };
  const rows = waves.map((w) => {
    const progress = el('span');
    progress.append(bar(w.completes / w.target), `${w.completes} / ${w.target}`);
    return [`${w.title} (${w.study} v${w.studyVersion})`, w.id, w.status, progress, open(w.id)];
  });
  $('dash-wave-table').replaceWith(Object.assign(table(['study', 'wave', 'status', 'completes', ''], rows), { id: 'dash-wave-table' }));
  setStatus(waves.length ? '' : 'No waves yet: create one with vlab wave create.');
  if (waves.length && !waves.some((w) => w.id === current)) await showWave(initialWave(waves));
}

/**
 * The wave to show first: the one named in the link (`/dashboard#wave=ID`, as `npm run demo` prints), else the
 * one with the most completes — the wave a researcher is most likely watching.
 */
function initialWave(waves: WaveReport[]): string {
  const linked = new URLSearchParams(location.hash.slice(1)).get('wave');
  if (linked && waves.some((w) => w.id === linked)) return linked;
  return waves.reduce((best, w) => (w.completes > best.completes ? w : best)).id;
}

function downloads(id: string): HTMLElement {
  const box = el('div');
  const files: [string, string, string][] = [
    ['Data (CSV)', `/waves/${id}/export?format=csv`, `${id}.csv`],
    ['Data, long (CSV)', `/waves/${id}/export?format=long-csv`, `${id}-long.csv`],
    ['Data (JSON)', `/waves/${id}/export?format=json`, `${id}.json`],
    ['Codebook', `/waves/${id}/export?format=codebook`, `${id}-codebook.json`],
    ['Estimates (CSV)', `/waves/${id}/estimates?format=csv`, `${id}-estimates.csv`],
    ['Replication package (zip)', `/waves/${id}/replication`, `${id}-replication.zip`],
  ];
  for (const [label, path, name] of files) {
    const b = el('button', label, 'dash-secondary');
    b.type = 'button';
    b.addEventListener('click', () => download(path, name).catch((e: Error) => setStatus(`Download failed: ${e.message}`, true)));
    box.append(b);
  }
  return box;
}

function hypothesisCard(h: PlanView['plan']['hypotheses'][number], result: Estimates, alpha: number): HTMLElement {
  const card = el('article', undefined, 'dash-hypothesis');
  card.dataset.hypothesis = h.id;
  card.append(el('h3', h.id), el('p', h.description));
  if (h.direction) card.append(el('p', `Predicted: ${Object.entries(h.direction).map(([t, d]) => `${t} ${d}`).join(', ')}`));
  const rows = result.estimates.filter((e) => e.hypothesis === h.id);
  for (const p of result.problems.filter((x) => x.hypothesis === h.id || x.hypothesis === '*')) {
    card.append(el('p', `${p.outcome ?? 'all'}: not estimable yet (${p.message})`, 'dash-problem'));
  }
  if (rows.some((r) => r.term !== '(Intercept)' && r.estimate !== null)) {
    card.append(coefficientPlot(h.id, rows, alpha));
    const tested = rows.filter((r) => r.term !== '(Intercept)');
    card.append(
      table(
        ['outcome', 'term', 'estimate', 'CI', 'p', 'p adjusted', 'N'],
        tested.map((r) => [r.outcome, r.term, fmt(r.estimate), `[${fmt(r.conf_low)}, ${fmt(r.conf_high)}]`, fmt(r.p_value), fmt(r.p_adjusted), r.n_used]),
        [false, false, true, true, true, true, true],
      ),
    );
  }
  return card;
}

async function showWave(id: string): Promise<void> {
  current = id;
  history.replaceState(null, '', `#wave=${encodeURIComponent(id)}`);
  const [wave, result, plan] = await Promise.all([
    getJson<WaveReport>(`/waves/${id}`),
    getJson<Estimates>(`/waves/${id}/estimates`),
    getJson<PlanView>(`/waves/${id}/plan`),
  ]);
  const section = $('dash-wave');
  section.replaceChildren();
  section.hidden = false;
  const refresh = el('button', 'Refresh', 'dash-secondary');
  refresh.type = 'button';
  refresh.addEventListener('click', () => void showWave(id).catch(fail));
  section.append(el('h2', `${wave.title}: wave ${wave.id} (${wave.status})`), refresh, el('p', `Plan hash ${plan.planHash}`, 'dash-hash'));
  section.append(el('h3', 'Downloads'), downloads(id));

  const f = wave.funnel;
  section.append(
    el('h3', 'Completion funnel'),
    table(
      ['step', 'participants', ''],
      [
        ['started', f.started, bar(1)],
        ['consented', f.consented, bar(f.started ? f.consented / f.started : 0)],
        ['reached the vignette', f.reachedVignette, bar(f.started ? f.reachedVignette / f.started : 0)],
        ['completed', f.completed, bar(f.started ? f.completed / f.started : 0)],
        ['screened out', wave.screenouts, ''],
        ['over quota', wave.overquota, ''],
      ],
      [false, true, false],
    ),
  );

  const factorNames = Object.keys(wave.cells[0] ?? {}).filter((k) => !['index', 'assigned', 'completes'].includes(k));
  const perCell = wave.target / Math.max(1, wave.cells.length);
  section.append(
    el('h3', `Progress per cell (target ${Math.ceil(perCell)} each)`),
    table(
      [...factorNames, 'assigned', 'completes', ''],
      wave.cells.map((c) => [...factorNames.map((n) => String(c[n])), c.assigned, c.completes, bar(c.completes / perCell)]),
      [...factorNames.map(() => false), true, true, false],
    ),
  );

  const alpha = plan.plan.alpha ?? 0.05;
  section.append(el('h3', `Estimates (${result.nComplete} complete, ${result.nExcluded} excluded by the plan)`));
  for (const h of plan.plan.hypotheses) section.append(hypothesisCard(h, result, alpha));

  section.append(
    el('h3', `Precision: now (N ${result.nComplete}) and at the target (N ${result.target})`),
    table(
      ['hypothesis', 'outcome', 'term', 'CI width', 'MDE now (80% power)', 'MDE at target'],
      result.precision.map((p) => [p.hypothesis, p.outcome, p.term, fmt(p.ci_width), fmt(p.mde_now), fmt(p.mde_target)]),
      [false, false, false, true, true, true],
    ),
  );
  setStatus(`Updated ${new Date().toLocaleTimeString()}`);
}

function fail(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) {
    forgetToken();
    showTokenForm('The token was not accepted. Paste a valid token.');
  } else {
    setStatus(`Could not load: ${error instanceof Error ? error.message : String(error)}`, true);
  }
}

$('dash-token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $<HTMLInputElement>('dash-token');
  saveToken(input.value.trim());
  input.value = '';
  loadWaves().catch(fail);
});
$('dash-signout').addEventListener('click', () => {
  forgetToken();
  current = null;
  showTokenForm();
});
setInterval(() => {
  if (current && savedToken() && document.visibilityState === 'visible') showWave(current).catch(fail);
}, 60_000);

if (savedToken()) loadWaves().catch(fail);
else showTokenForm();
