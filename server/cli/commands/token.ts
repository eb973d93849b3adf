import { standardOutput } from '../standard-output.ts';
import type { Command } from 'commander';
import type { TokenService } from '../../services/token-service.ts';
import { cliAction } from '../cli-action.ts';
import { DB_OPTION_HELP } from '../db-option.ts';

async function withTokens<T>(dbPath: string | undefined, fn: (tokens: TokenService) => Promise<T> | T): Promise<T> {
  const [{ openStorageForCli }, { createTokenService }] = await Promise.all([import('./cli-storage.ts'), import('../../services/token-service.ts')]);
  const { store } = await openStorageForCli({ dbPath });
  try {
    return await fn(createTokenService({ store }));
  } finally {
    await store.close();
  }
}

/** `vlab token create|list|revoke`: bearer tokens for the researcher API. */
export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('researcher API tokens (only a hash is stored)');
  token
    .command('create')
    .description('create a token and print it once: it cannot be shown again')
    .requiredOption('--name <name>', 'who or what uses the token, e.g. "dashboard" or "alice laptop"')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print JSON')
    .action(
      cliAction('token create', async (options: { name: string; db?: string; json?: boolean }) => {
        const created = await withTokens(options.db, (tokens) => tokens.create(options.name));
        if (options.json) {
          standardOutput().write(`${JSON.stringify(created)}\n`);
          return;
        }
        standardOutput().write(`${created.token}\n`);
        process.stderr.write(`vlab token create: token ${created.id} ("${created.name}"); store it now, it is not shown again\n`);
      }),
    );
  token
    .command('list')
    .description('list tokens: id, name, created, last used, revoked (never the token)')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print JSON')
    .action(
      cliAction('token list', async (options: { db?: string; json?: boolean }) => {
        const list = await withTokens(options.db, (tokens) => tokens.list());
        if (options.json) {
          standardOutput().write(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        for (const t of list) {
          const state = t.revokedAt ? `revoked ${t.revokedAt}` : 'active';
          standardOutput().write(`${t.id}\t${t.name}\tcreated ${t.createdAt}\tlast used ${t.lastUsedAt ?? 'never'}\t${state}\n`);
        }
      }),
    );
  token
    .command('revoke <id>')
    .description('revoke a token by its id (the 16 hex digits after vlab_); takes effect at once')
    .option('--db <path>', DB_OPTION_HELP)
    .action(
      cliAction('token revoke', async (id: string, options: { db?: string }) => {
        const revoked = await withTokens(options.db, (tokens) => tokens.revoke(id));
        standardOutput().write(`token ${revoked.id} ("${revoked.name}") revoked\n`);
      }),
    );
}
