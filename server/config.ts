import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { issuePath } from './domain/zod-issues.ts';

/**
 * The project's folder: the nearest one above this module holding package.json (server/ when run from the
 * sources, dist/cli/<build>/ when run from the CLI bundle), so defaults do not depend on the shell's folder.
 */
export function projectRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/** An https origin such as `https://worker.mturk.com` (a `*.` subdomain wildcard is allowed, as CSP allows). */
const FRAME_ORIGIN = /^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/;

/** `loopback`, `linklocal`, `uniquelocal` (express's names) or IPv4/IPv6 addresses and subnets, comma-separated. */
const TRUSTED_PROXIES = /^\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F]*[.:][0-9a-fA-F.:]*(\/\d+)?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F]*[.:][0-9a-fA-F.:]*(\/\d+)?))*\s*$/;

/** A whole number in [min, max]; every failure says so in those words ("64k", "2h", "3.5" and "-1" alike). */
const int = (min: number, max: number) => {
  const error = `expected a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const DAY = 24 * 3600;

/**
 * Every setting the server reads, once: the environment variable (and command-line flag) that sets it, its
 * default and its validation. The README's configuration table lists the same settings.
 */
const SETTINGS = {
  port: { env: 'PORT', flag: '--port', default: 3000, schema: int(0, 65535) },
  /**
   * A SQLite file, or a `postgres://` URL (DATABASE_URL is read too when VLAB_DB is not set). By default the
   * project's data/vlab.sqlite whatever the current folder, as the definitions: `vlab wave list` run from
   * another folder must not open (and create) an empty database of its own beside the one `npm start` uses.
   */
  dbPath: { env: 'VLAB_DB', flag: '--db', default: join(projectRoot(), 'data', 'vlab.sqlite'), schema: z.string().min(1) },
  logLevel: {
    env: 'LOG_LEVEL',
    default: 'info',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  },
  /** The study definitions: the project's survey-definitions/ whatever the current folder, unless set. */
  definitionsDir: { env: 'VLAB_DEFINITIONS', default: join(projectRoot(), 'survey-definitions'), schema: z.string().min(1) },
  /** The pages and their built bundles: the project's public/ whatever the current folder, unless set. */
  publicDir: { env: 'VLAB_PUBLIC', default: join(projectRoot(), 'public'), schema: z.string().min(1) },
  /**
   * The address respondents and researchers reach the server at (`https://survey.example.org`), from which the
   * printed links are made; unset, they use http://localhost and the port.
   */
  publicUrl: {
    env: 'VLAB_PUBLIC_URL',
    default: null as string | null,
    schema: z
      .string()
      .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'expected an http(s) address such as https://survey.example.org, without ? or #')
      .transform((url) => url.replace(/\/+$/, ''))
      .nullable(),
  },
  /** Open a demo wave of the flagship study when the database has no wave (`false` for a real deployment). */
  demoWave: {
    env: 'VLAB_DEMO',
    flag: '--no-demo',
    default: true,
    schema: z.preprocess(
      (v) => (typeof v === 'string' ? ({ true: true, '1': true, false: false, '0': false } as Record<string, boolean>)[v.toLowerCase()] ?? v : v),
      z.boolean({ error: 'expected true or false' }),
    ),
  },
  /** Largest JSON body accepted by the API. */
  bodyLimitBytes: { env: 'VLAB_BODY_LIMIT', default: 64 * 1024, schema: int(1024, 10 * 1024 * 1024) },
  /** Participant starts allowed per client address per rate window (a classroom shares one address). */
  rateLimitStart: { env: 'VLAB_RATE_LIMIT_START', default: 300, schema: int(1, 1_000_000_000) },
  /** Failed researcher authentications allowed per client address per rate window. */
  rateLimitAuth: { env: 'VLAB_RATE_LIMIT_AUTH', default: 30, schema: int(1, 1_000_000_000) },
  /** Length of the rate-limit window, in seconds. */
  rateLimitWindowSeconds: { env: 'VLAB_RATE_LIMIT_WINDOW', default: 600, schema: int(1, DAY) },
  /**
   * Express's `trust proxy`: which hops may set X-Forwarded-For (hop count, `loopback`, subnets). Off by default,
   * so a client cannot pick its own address for the rate limits.
   */
  trustProxy: {
    env: 'VLAB_TRUST_PROXY',
    default: false as false | number | string,
    schema: z.union([
      z.literal(false),
      int(1, 100),
      z.string().regex(TRUSTED_PROXIES, 'expected a hop count ≥ 1, loopback, or comma-separated addresses/subnets'),
    ]),
  },
  /**
   * Origins allowed to show the survey in a frame (CSP frame-ancestors), e.g. MTurk's ExternalQuestion HITs.
   * Empty (the default): no site may frame any page.
   */
  frameAncestors: {
    env: 'VLAB_FRAME_ANCESTORS',
    default: [] as string[],
    schema: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v),
      z.array(z.string().regex(FRAME_ORIGIN, 'expected https origins such as https://worker.mturk.com, space-separated')).max(20),
    ),
  },
  /**
   * Seconds after a started participant's last save (or quota admission) when their quota slot lapses and is
   * free for others; they are checked again if they return. Sized to a long survey with breaks.
   */
  quotaLeaseSeconds: { env: 'VLAB_QUOTA_LEASE_SECONDS', default: 2 * 3600, schema: int(1, 30 * DAY) },
  /** Worker threads for exports, estimates, replication packages and wave status (off the respondents' thread). */
  researcherWorkers: { env: 'VLAB_RESEARCHER_WORKERS', default: 1, schema: int(1, 64) },
  /** Such jobs running at once; a download counts until its last byte left the worker. */
  researcherJobs: { env: 'VLAB_RESEARCHER_JOBS', default: 4, schema: int(1, 1000) },
  /** Such jobs waiting for a place; past it a request gets 503 `busy` with Retry-After. */
  researcherQueue: { env: 'VLAB_RESEARCHER_QUEUE', default: 16, schema: int(0, 10_000) },
  /** Seconds a download may wait on a client that stopped reading before it is cut off. */
  downloadStallSeconds: { env: 'VLAB_DOWNLOAD_STALL_SECONDS', default: 60, schema: int(1, 3600) },
  /** The longest a client may take to send a whole request, headers and body (Node's `requestTimeout`). */
  requestTimeoutSeconds: { env: 'VLAB_REQUEST_TIMEOUT', default: 30, schema: int(1, 3600) },
  /** The longest a client may take to send a request's headers (Node's `headersTimeout`); at most the above. */
  headersTimeoutSeconds: { env: 'VLAB_HEADERS_TIMEOUT', default: 10, schema: int(1, 3600) },
  /** How long an idle keep-alive connection stays open (Node's `keepAliveTimeout`). */
  keepAliveTimeoutSeconds: { env: 'VLAB_KEEPALIVE_TIMEOUT', default: 5, schema: int(1, 600) },
  /** Open connections at most; past it new connections are closed at once (Node's `maxConnections`). */
  maxConnections: { env: 'VLAB_MAX_CONNECTIONS', default: 2000, schema: int(10, 1_000_000) },
} as const;

type Settings = typeof SETTINGS;

/** Everything the server can be told, validated once at start. */
export type Config = { -readonly [K in keyof Settings]: z.output<Settings[K]['schema']> };

export const DEFAULT_CONFIG = Object.fromEntries(Object.entries(SETTINGS).map(([key, s]) => [key, s.default])) as unknown as Config;

const configSchema = z
  .strictObject(Object.fromEntries(Object.entries(SETTINGS).map(([key, s]) => [key, s.schema])) as { [K in keyof Settings]: Settings[K]['schema'] })
  .refine((c) => c.headersTimeoutSeconds <= c.requestTimeoutSeconds, {
    path: ['headersTimeoutSeconds'],
    message: 'must not exceed VLAB_REQUEST_TIMEOUT',
  });

/** How a user sets `key`, for messages: `PORT (--port)`, `VLAB_BODY_LIMIT`. */
function settingName(key: string): string {
  const setting: { env: string; flag?: string } | undefined = SETTINGS[key as keyof Settings];
  if (!setting) return key;
  return setting.flag ? `${setting.env} (${setting.flag})` : setting.env;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Builds the config from environment variables, then explicit overrides (command-line flags). A bad value
 * throws a ConfigError naming the variable: `PORT (--port): expected a whole number from 0 to 65535, got "70000"`.
 */
export function loadConfig(env: Record<string, string | undefined>, overrides: Partial<Record<keyof Config, unknown>> = {}): Config {
  const raw: Record<string, unknown> = { ...DEFAULT_CONFIG };
  const fromEnv = Object.fromEntries(Object.entries(SETTINGS).map(([key, s]) => [key, env[s.env]]));
  // Hosts that provision PostgreSQL set DATABASE_URL; VLAB_DB, when given, wins.
  if (!env.VLAB_DB && env.DATABASE_URL) fromEnv.dbPath = env.DATABASE_URL;
  for (const source of [fromEnv, overrides]) {
    for (const [key, value] of Object.entries(source)) {
      if (value !== undefined && value !== '') raw[key] = value;
    }
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = String(issue.path[0] ?? issuePath(issue.path));
    throw new ConfigError(`${settingName(key)}: ${issue.message}, got ${JSON.stringify(raw[key])}`);
  }
  return result.data as Config;
}
