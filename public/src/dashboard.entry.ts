import './dashboard.css';
import type { BrokenStudy } from '../../server/domain/broken-study.ts';
import type { HypothesisReport } from '../../server/domain/plan/hypothesis-report.ts';
import type { TermPrecision } from '../../server/domain/plan/precision.ts';
import type { WaveStatusReport } from '../../server/domain/wave-lifecycle.ts';
import { pastedToken } from '../../server/domain/pasted-token.ts';
import { ApiError, download, forgetToken, getJson, saveToken, savedToken } from './dashboard-api.ts';
import { brokenStudiesNotice } from './dashboard-broken.ts';
import { hypothesisCard } from './dashboard-cards.ts';
import { $, bar, el, inLanguage, table } from './dashboard-dom.ts';
import { focusHeading } from './page-chrome.ts';
import { keepPlotsLaidOut, layoutPlots } from './dashboard-plot-layout.ts';
import { cellsSection, changesSection, funnelSection, needsAttention, precisionSection, problemsSection, quotasSection } from './dashboard-wave.ts';

// The researcher dashboard: studies whose definition is broken, waves with progress, the completion funnel, completes per cell, a card per
// pre-registered hypothesis (terms in the study's words, verdicts), precision against the target N, and downloads.

interface Estimates {
  planHash: string;
  alpha: number;
  /** The language of the hypotheses' descriptions, when the plan names one (else English, the page's). */
  planLanguage: string | null;
  /** "raked to the population margins of party" when the estimates are weighted by raking, else null. */
  raking: string | null;
  nComplete: number;
  target: number;
  nExcluded: number;
  hypotheses: HypothesisReport[];
  precision: (TermPrecision & { label: string })[];
}

/**
 * Writes the status line. `quiet`: shown, not announced (the minute's own update: a screen reader would speak it
 * every minute). The region is emptied for a quiet message (an emptied region says nothing), and a message
 * already in it is not written again, so it is not spoken twice.
 */
function setStatus(message: string, { error = false, quiet = false } = {}): void {
  const spoken = quiet ? '' : message;
  if ($('dash-status').textContent !== spoken) $('dash-status').textContent = spoken;
  $('dash-status-quiet').textContent = quiet ? message : '';
  $('dash-status-line').classList.toggle('dash-error', error);
}

/**
 * The tab title says what the tab shows (WCAG 2.4.2): the sign-in form, the waves, or the wave open ("Title: wave ID"), so a
 * researcher with two waves in two tabs, or a screen reader's list of windows, tells them apart. It read
 * "vignette-lab dashboard" throughout.
 */
function setTabTitle(shown: string): void {
  document.title = `${shown} – vignette-lab dashboard`;
}

/**
 * Shows the sign-in form; `refusal`: why the token was refused. The field is then marked invalid and described by
 * the status line that shows it (WCAG 3.3.1), so a screen reader landing on the field says "Token, invalid entry, …".
 * `quiet` when focus is about to move onto the field: its description says the sentence, and the status region
 * said it again (accessibility pass 20); otherwise (focus stays on the form) the region speaks it, once.
 */
function showTokenForm(refusal?: string, { quiet = false } = {}): void {
  setTabTitle('Researcher token');
  $('dash-token-form').hidden = false;
  $('dash-waves').hidden = true;
  $('dash-broken').hidden = true;
  $('dash-wave').hidden = true;
  $('dash-auto').hidden = true;
  $('dash-signout').hidden = true;
  setStatus(refusal ?? '', { error: refusal !== undefined, quiet });
  markTokenRefused(refusal !== undefined);
}

function markTokenRefused(refused: boolean): void {
  const field = $('dash-token');
  if (refused) {
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', 'dash-status-line');
  } else {
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
  }
}

let current: string | null = null;

async function loadWaves(): Promise<void> {
  const [{ waves }, { broken, behind }] = await Promise.all([
    getJson<{ waves: (WaveStatusReport & { title: string })[] }>('/waves'),
    getJson<{ broken: BrokenStudy[]; behind: BrokenStudy[] }>('/studies'),
  ]);
  $('dash-token-form').hidden = true;
  // Until a wave shows (none yet: the list alone).
  if (current === null) setTabTitle('Waves');
  brokenStudiesNotice($('dash-broken'), broken, behind);
  $('dash-signout').hidden = false;
  const section = $('dash-waves');
  section.hidden = false;
  const open = (id: string, attention: boolean) => {
    const b = el('button', 'Open', 'dash-secondary');
    b.type = 'button';
    b.setAttribute('aria-label', attention ? `Open wave ${id}, which needs attention` : `Open wave ${id}`);
    b.addEventListener('click', () => void showWave(id, { focus: true }).catch(fail));
    return b;
  };
  const rows = waves.map((w) => {
    const progress = el('span');
    progress.append(bar(w.completes / w.target), `${w.completes} / ${w.target}`);
    const study = el('span');
    study.append(inLanguage(w.title, w.titleLang), ` (${w.study} v${w.studyVersion})`);
    // A wave whose links or definition today's checks refuse is marked here too, where a researcher with several
    // waves looks first; the opened wave says what (attacker pass 31: only the opened wave said so).
    const attention = needsAttention(w);
    const status = el('span', w.status);
    if (attention) status.append(el('span', 'Needs attention', 'dash-attention'));
    return [study, w.id, status, progress, open(w.id, attention)];
  });
  // Named by the section's heading ("Waves"): said once.
  const list = table($('dash-waves-title'), ['Study', 'Wave', 'Status', 'Completes', { hidden: 'Open the wave' }], rows);
  list.id = 'dash-wave-table';
  $('dash-wave-table').replaceWith(list);
  setStatus(waves.length ? '' : 'No waves yet: create one with vlab wave create --study ID --target N.');
  if (waves.length && !waves.some((w) => w.id === current)) await showWave(initialWave(waves));
}

/**
 * The wave to show first: the one named in the link (`/dashboard#wave=ID`, as `npm run demo` prints), else the
 * one with the most completes — the wave a researcher is most likely watching.
 */
function initialWave(waves: WaveStatusReport[]): string {
  const linked = new URLSearchParams(location.hash.slice(1)).get('wave');
  if (linked && waves.some((w) => w.id === linked)) return linked;
  return waves.reduce((best, w) => (w.completes > best.completes ? w : best)).id;
}

/**
 * The wave's downloads, a button each. Its name says that it downloads, what and which wave ("Download the codebook
 * (JSON) of wave …"): the visible label alone ("Codebook") left a screen reader tabbing to it saying "Codebook,
 * button". The name holds the label's words (WCAG 2.5.3), for a researcher who speaks to the button.
 */
function downloads(id: string, formats: WaveStatusReport['exports']): HTMLElement {
  const box = el('div', undefined, 'dash-buttons');
  type File = [label: string, what: string, path: string, name: string];
  // An export only where the study has it (the wave status's exports): a long CSV with an item battery, which it
  // stacks, profiles for a conjoint; the server refuses the others (a header alone, no profiles).
  const exported = (format: WaveStatusReport['exports'][number], label: string, what: string, suffix: string, query = ''): File[] =>
    formats.includes(format) ? [[label, what, `/waves/${id}/export?format=${format}${query}`, `${id}${suffix}`]] : [];
  const files: File[] = [
    ...exported('csv', 'Data (CSV)', 'the data (CSV)', '.csv'),
    // The same CSV with UTF-8's byte-order mark: Excel read the plain one in a legacy code page ("SÃ­" for "Sí").
    ...exported('csv', 'Data for Excel (CSV)', 'the data for Excel (CSV)', '-excel.csv', '&excel=1'),
    ...exported('long-csv', 'Data, long (CSV)', 'the data, long (CSV)', '-long.csv'),
    ...exported('profiles-csv', 'Profiles (CSV)', 'the conjoint profiles (CSV)', '-profiles.csv'),
    ...exported('json', 'Data (JSON)', 'the data (JSON)', '.json'),
    ...exported('codebook', 'Codebook (JSON)', 'the codebook (JSON)', '-codebook.json'),
    ['Estimates (CSV)', 'the estimates (CSV)', `/waves/${id}/estimates?format=csv`, `${id}-estimates.csv`],
    ['Replication package (zip)', 'the replication package (zip)', `/waves/${id}/replication`, `${id}-replication.zip`],
  ];
  for (const [label, what, path, name] of files) {
    const b = el('button', label, 'dash-secondary');
    b.type = 'button';
    b.setAttribute('aria-label', `Download ${what} of wave ${id}`);
    // Said in the status region as it starts and ends: a replication package takes seconds to build, in silence before.
    b.addEventListener('click', () => {
      setStatus(`Downloading ${what} of wave ${id}…`);
      download(path, name)
        .then(() => setStatus(`Downloaded ${what} of wave ${id}.`))
        .catch((e: Error) => setStatus(`Download failed: ${e.message}`, { error: true }));
    });
    box.append(b);
  }
  return box;
}

/**
 * Shows a wave's details. `focus`: the researcher asked for them (Open, Refresh), so focus goes to their heading;
 * the minute's refresh moves focus only when it was inside the details it replaces, which would drop it on the body.
 * `quiet`: the minute's refresh, whose time is shown but not announced.
 */
async function showWave(id: string, { focus = false, quiet = false } = {}): Promise<void> {
  current = id;
  history.replaceState(null, '', `#wave=${encodeURIComponent(id)}`);
  const [wave, result] = await Promise.all([
    getJson<WaveStatusReport & { title: string }>(`/waves/${id}`),
    getJson<Estimates>(`/waves/${id}/estimates`),
  ]);
  // Answers that arrive once the sign-in form is back (another request's 401, Forget token) belong to a session that
  // ended: shown, they reopened the wave under the form and took focus from its field (accessibility pass 20's race).
  if (!$('dash-token-form').hidden) return;
  const section = $('dash-wave');
  const focusWasInside = section.contains(document.activeElement);
  section.replaceChildren();
  section.hidden = false;
  $('dash-auto').hidden = false;
  const refresh = el('button', 'Refresh', 'dash-secondary');
  refresh.type = 'button';
  refresh.addEventListener('click', () => void showWave(id, { focus: true }).catch(fail));
  const heading = el('h2');
  heading.append(inLanguage(wave.title, wave.titleLang), `: wave ${wave.id} (${wave.status})`);
  setTabTitle(`${wave.title}: wave ${wave.id}`);
  section.append(heading, refresh, el('p', `Plan hash ${result.planHash}`, 'dash-hash'));
  section.append(...problemsSection(wave));
  section.append(el('h3', 'Downloads'), downloads(id, wave.exports));
  section.append(...funnelSection(wave), ...cellsSection(wave), ...quotasSection(wave), ...changesSection(wave));

  const raked = result.raking ? `; ${result.raking}` : '';
  section.append(el('h3', `Hypotheses (${result.nComplete} complete, ${result.nExcluded} excluded by the plan${raked})`));
  // Walk-through 29: a plan of no hypotheses (protege-bargaining-repeated's until walk-through 33) read "Nothing to show yet … once it can
  // be estimated" under 285 completes, a wait for what never comes.
  if (!result.hypotheses.length) return finishWave(section, heading, [el('p', NO_HYPOTHESES, 'dash-summary')], { focus, quiet, focusWasInside });
  for (const h of result.hypotheses) section.append(hypothesisCard(h, result.planLanguage ?? 'en'));
  // Precision matters for what the plan tests: the pre-registered terms.
  const tested = new Set(result.hypotheses.flatMap((h) => h.tested.map((f) => `${h.id}\0${f.outcome}\0${f.term}`)));
  const precision = result.precision.filter((p) => tested.has(`${p.hypothesis}\0${p.outcome}\0${p.term}`));
  // A wave without cells is a conjoint's (cellsSection).
  const clustered = result.hypotheses.flatMap((h) => (h.clusteredBy ? [{ id: h.id, clusteredBy: h.clusteredBy }] : []));
  finishWave(section, heading, precisionSection(precision, result.nComplete, result.target, result.alpha, !wave.cells.length, clustered), { focus, quiet, focusWasInside });
}

const NO_HYPOTHESES =
  'The analysis plan (analysis-plan.json) pre-registers no hypotheses ("hypotheses": []): nothing is estimated for this ' +
  'wave. The data and the codebook above hold every answer; vlab fit fits a model of your own to them.';

/** The wave's last section, then its plots laid out, the time said and focus where showWave's caller wants it. */
function finishWave(section: HTMLElement, heading: HTMLElement, last: HTMLElement[], how: { focus: boolean; quiet: boolean; focusWasInside: boolean }): void {
  section.append(...last);
  // The plots take the width the cards have: a phone's too.
  layoutPlots(section);
  setStatus(`Updated ${new Date().toLocaleTimeString()}`, { quiet: how.quiet });
  if (how.focus || how.focusWasInside) focusHeading(heading, { scroll: true });
}

function fail(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) {
    forgetToken();
    // Open asks for several things at once, each refused: the first refusal shows the form and says why; the
    // others, arriving once focus is in the field, would have the region say it again.
    if (!$('dash-token-form').hidden && $('dash-token').getAttribute('aria-invalid') === 'true') return;
    // A token refused mid-session (revoked) hides what focus was on (Open, Refresh), everything but the form: it
    // fell to the body and a keyboard user started again from the top. It goes to the field that asks for the next
    // step, which then says the refusal itself; a wrong token at sign-in leaves focus in the form, which stays.
    const moveFocus = !$('dash-token-form').contains(document.activeElement);
    showTokenForm('The token was not accepted. Paste a valid token.', { quiet: moveFocus });
    if (moveFocus) $('dash-token').focus();
  } else {
    setStatus(`Could not load: ${error instanceof Error ? error.message : String(error)}`, { error: true });
  }
}

$('dash-token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $<HTMLInputElement>('dash-token');
  // What copying carried along (a zero-width space, a BOM, a line break) is dropped: fetch would refuse the header.
  saveToken(pastedToken(input.value));
  input.value = '';
  // The form (and its button, which has focus) is hidden once the token is accepted: focus goes to the first
  // heading shown instead of falling back to the page's body.
  loadWaves()
    .then(() => {
      if (!$('dash-token-form').hidden) return;
      const first = [...document.querySelectorAll<HTMLElement>('#dash-main h2')].find((h) => h.offsetParent !== null);
      if (first) focusHeading(first, { scroll: true });
    })
    .catch(fail);
});
// A new token typed is not known to be wrong: "invalid entry" and the old refusal no longer describe the field.
$('dash-token').addEventListener('input', () => markTokenRefused(false));
$('dash-signout').addEventListener('click', () => {
  forgetToken();
  current = null;
  showTokenForm();
  // The button just pressed is hidden now: focus goes where the next step is.
  $('dash-token').focus();
});
// The wave shown updates itself each minute unless the researcher turns that off (WCAG 2.2.2: content that
// changes on its own, under a screen reader's cursor too, can be stopped).
setInterval(() => {
  const auto = $<HTMLInputElement>('dash-auto-refresh').checked;
  if (auto && current && savedToken() && document.visibilityState === 'visible') showWave(current, { quiet: true }).catch(fail);
}, 60_000);

keepPlotsLaidOut($('dash-wave'));

if (savedToken()) loadWaves().catch(fail);
else showTokenForm();
