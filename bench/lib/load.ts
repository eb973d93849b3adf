import autocannon from 'autocannon';

export interface LoadResult {
  name: string;
  requests: number;
  seconds: number;
  /** Answered requests per second over the whole run. */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** A few non-2xx answers, to say what went wrong. */
  samples: string[];
  /** The server process's CPU time (every thread) per answered request, µs, where the run measured it. */
  cpuPerRequest?: number;
}

export interface LoadOptions {
  name: string;
  url: string;
  connections: number;
  /** Exactly this many requests are sent (autocannon's `amount`), then the run ends. */
  amount: number;
  method: 'POST' | 'PUT';
  /** The path and body of request number i (0-based, in the order they are sent). */
  request(i: number): { path: string; body: string };
  /** Called with each 2xx answer's body (e.g. to keep the participant codes a start returns). */
  onOk?(body: string): void;
}

/**
 * Runs autocannon against one route with `connections` keep-alive connections. Each request gets its own path
 * and body from `request(i)` (a counter shared by all connections), so e.g. every completion names a distinct
 * participant. Latency is autocannon's (send to last byte, milliseconds).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let sent = 0;
  let non2xx = 0;
  const samples: string[] = [];
  // Timed here, to the last answer: autocannon ends a run with `amount` at its next one-second sampling tick, so
  // its own duration overstates the run by up to a second.
  const started = performance.now();
  let lastAnswer = started;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    amount: options.amount,
    timeout: 30,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        method: options.method,
        setupRequest: (req) => {
          const { path, body } = options.request(sent++);
          return { ...req, path, body };
        },
        onResponse: (status, body) => {
          lastAnswer = performance.now();
          if (status >= 200 && status < 300) options.onOk?.(body);
          else {
            non2xx++;
            if (samples.length < 3) samples.push(`${status} ${body.slice(0, 200)}`);
          }
        },
      },
    ],
  });
  const seconds = (lastAnswer - started) / 1000;
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    name: options.name,
    requests: answered,
    seconds,
    rps: answered / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: Math.max(non2xx, result.non2xx),
    errors: result.errors + result.timeouts,
    samples,
  };
}

/** Header and row of the figures table, in bench/analysis.ts's style: fixed columns, then the target. */
export const LOAD_HEADER = 'path                         requests   req/s   p50 (ms)  p99 (ms)  max (ms)  non-2xx  errors  CPU µs/req  target';

export function loadRow(r: LoadResult, target = ''): string {
  return [
    r.name.padEnd(27),
    String(r.requests).padStart(8),
    r.rps.toFixed(0).padStart(7),
    r.p50.toFixed(1).padStart(8),
    r.p99.toFixed(1).padStart(8),
    r.max.toFixed(0).padStart(8),
    String(r.non2xx).padStart(7),
    String(r.errors).padStart(6),
    (r.cpuPerRequest === undefined ? '–' : r.cpuPerRequest.toFixed(0)).padStart(10),
    ` ${target}`,
  ].join('  ');
}
