// The researcher token check remembers a token that passed scrypt for a few minutes (server/services/token-service.ts):
// these count the scrypt checks, and show that revocation and wrong secrets are never served from memory.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { secretMatches } from '../../server/domain/token.ts';
import { createTokenService } from '../../server/services/token-service.ts';
import { createTestStore } from './test-app.ts';

const { store, remove } = await createTestStore();
after(() => remove());

function counted() {
  let clock = Date.parse('2026-11-30T08:00:00Z');
  let checks = 0;
  const service = createTokenService({
    store,
    now: () => new Date(clock).toISOString(),
    verifySecret: (...args) => {
      checks++;
      return secretMatches(...args);
    },
  });
  return { service, checks: () => checks, advance: (ms: number) => (clock += ms) };
}

test('a verified token skips scrypt for five minutes, then is checked again', async () => {
  const t = counted();
  const { token } = await t.service.create('dashboard');
  const bearer = `Bearer ${token}`;
  await t.service.authenticate(bearer);
  await t.service.authenticate(bearer);
  t.advance(4 * 60_000);
  await t.service.authenticate(bearer);
  assert.equal(t.checks(), 1, 'one scrypt check for three requests within five minutes');
  t.advance(2 * 60_000);
  await t.service.authenticate(bearer);
  assert.equal(t.checks(), 2, 'checked again after five minutes');
});

test('wrong secrets always pay scrypt and are refused; a revoked token is refused even when remembered', async () => {
  const t = counted();
  const { token, id } = await t.service.create('to revoke');
  await t.service.authenticate(`Bearer ${token}`);
  const wrong = `Bearer ${token.slice(0, -4)}AAAA`;
  for (let i = 0; i < 3; i++) await assert.rejects(t.service.authenticate(wrong), /valid researcher token/);
  assert.equal(t.checks(), 4, 'every wrong secret was checked');
  await t.service.revoke(id);
  await assert.rejects(t.service.authenticate(`Bearer ${token}`), /valid researcher token/);
});
