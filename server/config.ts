import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isIP } from 'node:net';
import { z } from 'zod';
import { closestName } from '../analysis/helpers/did-you-mean.ts';
import { issuePath } from './domain/zod-issues.ts';
import { isPostgresUrl } from './storage/store.ts';

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

/** Express's names for address ranges in `trust proxy`. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
/** Words for "no trusted proxy", the default; express reads `0` and `false` the same way. */
const PROXY_OFF = new Set(['0', 'false', 'off', 'no', 'none']);
const PROXY_EXPECTED = 'expected a hop count ≥ 1, loopback, linklocal, uniquelocal, or comma-separated addresses/subnets (10.0.0.0/8)';

/** An IPv4 netmask such as 255.255.0.0: ones, then zeros. */
function isNetmask(mask: string): boolean {
  if (isIP(mask) !== 4) return false;
  const bits = mask.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const zeros = ~bits >>> 0;
  return (zeros & (zeros + 1)) === 0;
}

/**
 * One entry of a trusted-proxy list as proxy-addr (express) reads it: a name, an address, address/prefix or
 * IPv4 address/netmask. Checked here because proxy-addr throws a TypeError inside createApp otherwise.
 */
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', range, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isNetmask(range);
}

/** `VLAB_TRUST_PROXY`: off, a hop count, or a list of addresses and subnets, each checked. */
const trustProxySchema = z.union([z.literal(false), z.string()]).transform((raw, ctx): false | number | string => {
  if (raw === false || PROXY_OFF.has(raw.trim().toLowerCase())) return false;
  const value = raw.trim();
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops <= 100) return hops;
    ctx.addIssue({ code: 'custom', message: 'expected a hop count from 1 to 100' });
    return z.NEVER;
  }
  const bad = value.split(',').map((entry) => entry.trim()).find((entry) => !isProxyEntry(entry));
  if (bad === undefined) return value;
  ctx.addIssue({ code: 'custom', message: `"${bad}" is not an address or subnet: ${PROXY_EXPECTED}` });
  return z.NEVER;
});

/** `scheme://`: a URL, which as a SQLite path would make a folder named after the scheme. */
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** What is wrong with a postgres:// URL the URL parser refuses (most often a password with a # or a /). */
export const POSTGRES_URL_UNPARSABLE = 'a postgres:// URL that does not parse: percent-encode @ : / ? # % in the user name and password (# as %23)';

const PUBLIC_URL_EXPECTED = 'expected an http(s) address such as https://survey.example.org, without ? or #';

/**
 * A database URL of any engine, parsable or not, with its password masked for a message: everything between
 * the first `:` after `scheme://` and the last `@` (a password may hold `/` or `#`, which the URL parser would
 * take for the path or the fragment).
 */
export function withoutPassword(location: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(.*)@/is.exec(location);
  if (!match) return location;
  const [whole, scheme, userinfo] = match as unknown as [string, string, string];
  const colon = userinfo.indexOf(':');
  return colon < 0 ? location : `${scheme}${userinfo.slice(0, colon)}:***@${location.slice(whole.length)}`;
}

/**
 * Variables named VLAB_… that are read by the test and benchmark scripts, or by a client verb (`vlab simulate`'s
 * VLAB_TOKEN), not by the server: every VLAB_TEST_… too.
 */
const SCRIPT_VARIABLES = new Set(['VLAB_REFIT_ALL', 'VLAB_CONJOINT_SEEDS', 'VLAB_CRASH_KILLS', 'VLAB_TOKEN']);
const isScriptVariable = (name: string) => name.startsWith('VLAB_TEST_') || SCRIPT_VARIABLES.has(name);

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
  dbPath: {
    env: 'VLAB_DB',
    flag: '--db',
    default: join(projectRoot(), 'data', 'vlab.sqlite'),
    schema: z
      .string()
      .min(1)
      .refine((location) => isPostgresUrl(location) || !URL_SCHEME.test(location), 'expected a SQLite file path or a postgres:// URL (this is a URL of another engine)')
      .refine(
        (location) => !isPostgresUrl(location) || URL.canParse(location),
        POSTGRES_URL_UNPARSABLE,
      ),
  },
  logLevel: {
    env: 'LOG_LEVEL',
    default: 'info',
    schema: z.preprocess(
      (v) => (typeof v === 'string' ? v.toLowerCase() : v),
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'expected one of fatal, error, warn, info, debug, trace, silent' }),
    ),
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
      .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, PUBLIC_URL_EXPECTED)
      .refine((url) => URL.canParse(url), PUBLIC_URL_EXPECTED)
      // The pages ask for /assets/… and /api/… from the root of their host, so vlab cannot live under a path.
      .superRefine((url, ctx) => {
        const path = URL.canParse(url) ? new URL(url).pathname : '/';
        if (/[^/]/.test(path)) {
          ctx.addIssue({
            code: 'custom',
            message: `a path (${path}) is not supported: the pages ask for /assets/… and /api/… at the root of the host, so vlab needs an address of its own (https://survey.example.org)`,
          });
        }
      })
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
  /**
   * Writes (saves, quota steps, completions) one participant code may burst before it is paced. The page sends at
   * most one save per 0.8 s of typing plus one per page change (docs/reliability.md): it never meets 60.
   */
  rateLimitParticipantBurst: { env: 'VLAB_RATE_LIMIT_PARTICIPANT', default: 60, schema: int(1, 1_000_000_000) },
  /** Writes per minute one participant code gets back after its burst (120: twice the page's fastest typing pace). */
  rateLimitParticipantPerMinute: { env: 'VLAB_RATE_LIMIT_PARTICIPANT_RATE', default: 120, schema: int(1, 1_000_000_000) },
  /** Length of the rate-limit window, in seconds. */
  rateLimitWindowSeconds: { env: 'VLAB_RATE_LIMIT_WINDOW', default: 600, schema: int(1, DAY) },
  /**
   * Express's `trust proxy`: which hops may set X-Forwarded-For (hop count, `loopback`, subnets). Off by default,
   * so a client cannot pick its own address for the rate limits.
   */
  trustProxy: { env: 'VLAB_TRUST_PROXY', default: false as false | number | string, schema: trustProxySchema },
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
  /**
   * Megabytes the temporary files of HTTP/1.0 downloads (sent whole, with their length) may hold together; past it
   * such a download is answered 503 busy with Retry-After. HTTP/1.1 downloads stream and use none.
   */
  downloadSpoolMegabytes: { env: 'VLAB_DOWNLOAD_SPOOL_MB', default: 1024, schema: int(1, 1_000_000) },
  /** The longest a client may take to send a whole request, headers and body (Node's `requestTimeout`). */
  requestTimeoutSeconds: { env: 'VLAB_REQUEST_TIMEOUT', default: 30, schema: int(1, 3600) },
  /** The longest a client may take to send a request's headers (Node's `headersTimeout`); at most the above. */
  headersTimeoutSeconds: { env: 'VLAB_HEADERS_TIMEOUT', default: 10, schema: int(1, 3600) },
  /**
   * On SIGTERM or SIGINT, how long the requests in flight get to be answered before their connections are cut (a
   * long download, a database that does not answer). Tests of the cut set 1 instead of waiting the default out.
   */
  shutdownDrainSeconds: { env: 'VLAB_SHUTDOWN_DRAIN_SECONDS', default: 10, schema: int(1, 3600) },
  /** How long an idle keep-alive connection stays open (Node's `keepAliveTimeout`). */
  keepAliveTimeoutSeconds: { env: 'VLAB_KEEPALIVE_TIMEOUT', default: 5, schema: int(1, 600) },
  /** Open connections at most; past it a new connection is answered 503 busy with Retry-After and closed. */
  maxConnections: { env: 'VLAB_MAX_CONNECTIONS', default: 2000, schema: int(10, 1_000_000) },
  /**
   * Open connections from one address at most (503 as above), so one address cannot fill the whole cap with slow
   * connections. Not applied when `VLAB_TRUST_PROXY` is set: then every connection is the proxy's.
   */
  maxConnectionsPerAddress: { env: 'VLAB_MAX_CONNECTIONS_PER_ADDRESS', default: 200, schema: int(1, 1_000_000) },
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
  const fromDatabaseUrl = !env.VLAB_DB && Boolean(env.DATABASE_URL) && overrides.dbPath === undefined;
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
    const name = key === 'dbPath' && fromDatabaseUrl ? 'DATABASE_URL' : settingName(key);
    const value = key === 'dbPath' ? withoutPassword(String(raw[key])) : raw[key];
    throw new ConfigError(`${name}: ${issue.message}, got ${JSON.stringify(value)}`);
  }
  return result.data as Config;
}

/**
 * The VLAB_… variables of `env` that are no setting: a misspelt one (`VLAB_RATE_LIMIT_STARTS`) would otherwise
 * be ignored without a word, and the server run with the default. One line each, for stderr.
 */
export function unknownSettings(env: Record<string, string | undefined>): string[] {
  const known: string[] = Object.values(SETTINGS).map((s) => s.env);
  return Object.keys(env)
    .filter((name) => name.startsWith('VLAB_') && !known.includes(name) && !isScriptVariable(name))
    .map((name) => {
      const closest = closestName(name, known);
      return `${name} is not a setting of vlab and is ignored (${closest ? `did you mean ${closest}?` : 'the settings: README.md, "Configuration"'})`;
    });
}
