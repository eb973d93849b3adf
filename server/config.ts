import { z } from 'zod';
import { issuePath } from './domain/zod-issues.ts';

/** Everything the server can be told, validated once at start. */
export interface Config {
  port: number;
  dbPath: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  definitionsDir: string;
  publicDir: string;
  /** Largest JSON body accepted by the API. */
  bodyLimitBytes: number;
  /** Participant starts allowed per client address per rate window (a classroom shares one address). */
  rateLimitStart: number;
  /** Failed researcher authentications allowed per client address per rate window. */
  rateLimitAuth: number;
  /** Length of the rate-limit window, in seconds. */
  rateLimitWindowSeconds: number;
  /**
   * Express's `trust proxy`: which hops may set X-Forwarded-For (hop count, `loopback`, subnets). Off by default,
   * so a client cannot pick its own address for the rate limits.
   */
  trustProxy: false | number | string;
  /**
   * Origins allowed to show the survey in a frame (CSP frame-ancestors), e.g. MTurk's ExternalQuestion HITs.
   * Empty (the default): no site may frame any page.
   */
  frameAncestors: string[];
}

/** An https origin such as `https://worker.mturk.com` (a `*.` subdomain wildcard is allowed, as CSP allows). */
const FRAME_ORIGIN = /^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/;

/** `loopback`, `linklocal`, `uniquelocal` (express's names) or IPv4/IPv6 addresses and subnets, comma-separated. */
const TRUSTED_PROXIES = /^\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F]*[.:][0-9a-fA-F.:]*(\/\d+)?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F]*[.:][0-9a-fA-F.:]*(\/\d+)?))*\s*$/;

const configSchema = z.strictObject({
  port: z.coerce.number().int().min(0).max(65535),
  dbPath: z.string().min(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  definitionsDir: z.string().min(1),
  publicDir: z.string().min(1),
  bodyLimitBytes: z.coerce.number().int().min(1024).max(10 * 1024 * 1024),
  rateLimitStart: z.coerce.number().int().min(1).max(1_000_000_000),
  rateLimitAuth: z.coerce.number().int().min(1).max(1_000_000_000),
  rateLimitWindowSeconds: z.coerce.number().int().min(1).max(24 * 3600),
  trustProxy: z.union([
    z.literal(false),
    z.coerce.number().int().min(1).max(100),
    z.string().regex(TRUSTED_PROXIES, 'expected a hop count ≥ 1, loopback, or comma-separated addresses/subnets'),
  ]),
  frameAncestors: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v),
    z.array(z.string().regex(FRAME_ORIGIN, 'expected https origins such as https://worker.mturk.com, space-separated')).max(20),
  ),
});

/** Which environment variable (or flag) sets each field, for error messages. */
const SOURCES: Record<keyof Config, string> = {
  port: 'PORT (--port)',
  dbPath: 'VLAB_DB (--db)',
  logLevel: 'LOG_LEVEL',
  definitionsDir: 'VLAB_DEFINITIONS',
  publicDir: 'VLAB_PUBLIC',
  bodyLimitBytes: 'VLAB_BODY_LIMIT',
  rateLimitStart: 'VLAB_RATE_LIMIT_START',
  rateLimitAuth: 'VLAB_RATE_LIMIT_AUTH',
  rateLimitWindowSeconds: 'VLAB_RATE_LIMIT_WINDOW',
  trustProxy: 'VLAB_TRUST_PROXY',
  frameAncestors: 'VLAB_FRAME_ANCESTORS',
};

export const DEFAULT_CONFIG: Config = {
  port: 3000,
  dbPath: './data/vlab.sqlite',
  logLevel: 'info',
  definitionsDir: 'survey-definitions',
  publicDir: 'public',
  bodyLimitBytes: 64 * 1024,
  rateLimitStart: 300,
  rateLimitAuth: 30,
  rateLimitWindowSeconds: 600,
  trustProxy: false,
  frameAncestors: [],
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Builds the config from environment variables, then explicit overrides (command-line flags). A bad value
 * throws a ConfigError naming the variable: `PORT (--port): expected a number ≤ 65535, got "70000"`.
 */
export function loadConfig(env: Record<string, string | undefined>, overrides: Partial<Record<keyof Config, unknown>> = {}): Config {
  const fromEnv: Partial<Record<keyof Config, unknown>> = {
    port: env.PORT,
    dbPath: env.VLAB_DB,
    logLevel: env.LOG_LEVEL,
    definitionsDir: env.VLAB_DEFINITIONS,
    publicDir: env.VLAB_PUBLIC,
    bodyLimitBytes: env.VLAB_BODY_LIMIT,
    rateLimitStart: env.VLAB_RATE_LIMIT_START,
    rateLimitAuth: env.VLAB_RATE_LIMIT_AUTH,
    rateLimitWindowSeconds: env.VLAB_RATE_LIMIT_WINDOW,
    trustProxy: env.VLAB_TRUST_PROXY,
    frameAncestors: env.VLAB_FRAME_ANCESTORS,
  };
  const raw: Record<string, unknown> = { ...DEFAULT_CONFIG };
  for (const source of [fromEnv, overrides]) {
    for (const [key, value] of Object.entries(source)) {
      if (value !== undefined && value !== '') raw[key] = value;
    }
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = String(issue.path[0] ?? issuePath(issue.path)) as keyof Config;
    throw new ConfigError(`${SOURCES[key] ?? key}: ${issue.message}, got ${JSON.stringify(raw[key])}`);
  }
  return result.data;
}
