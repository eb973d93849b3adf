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
}

const configSchema = z.strictObject({
  port: z.coerce.number().int().min(0).max(65535),
  dbPath: z.string().min(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  definitionsDir: z.string().min(1),
  publicDir: z.string().min(1),
  bodyLimitBytes: z.coerce.number().int().min(1024).max(10 * 1024 * 1024),
});

/** Which environment variable (or flag) sets each field, for error messages. */
const SOURCES: Record<keyof Config, string> = {
  port: 'PORT (--port)',
  dbPath: 'VLAB_DB (--db)',
  logLevel: 'LOG_LEVEL',
  definitionsDir: 'VLAB_DEFINITIONS',
  publicDir: 'VLAB_PUBLIC',
  bodyLimitBytes: 'VLAB_BODY_LIMIT',
};

export const DEFAULT_CONFIG: Config = {
  port: 3000,
  dbPath: './data/vlab.sqlite',
  logLevel: 'info',
  definitionsDir: 'survey-definitions',
  publicDir: 'public',
  bodyLimitBytes: 64 * 1024,
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
    const key = issuePath(issue.path) as keyof Config;
    throw new ConfigError(`${SOURCES[key] ?? key}: ${issue.message}, got ${JSON.stringify(raw[key])}`);
  }
  return result.data;
}
