/**
 * How long a browser test waits for the dashboard to show what the server computes (the waves list, a wave's
 * estimates, a download): a limit on a condition, not a pause, so a passing run waits no longer than the page takes.
 * The first researcher request of a server starts its researcher worker, then the wave's fit runs: with the page 4×
 * throttled and the machine's load at 14 on 2 cores, dashboard-raked's sign-in took 15 s to its Hypotheses heading
 * (the waves list 5.3 s of it, the estimates 2.9 s), and a run under load 20 once passed the 30 s the tests allowed.
 */
export const DASHBOARD_WAIT = { timeout: 120_000 };
