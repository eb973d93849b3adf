// Quota slots of participants who have not completed are leases (VLAB_QUOTA_LEASE_SECONDS from their last save):
// a start that is abandoned frees its slot, a late return is checked again, completes hold theirs for good, and a
// level never holds more than its cap. The clock is injected (`now`), so nothing here waits; the test of the setting
// through HTTP ages the stored leases instead of waiting them out.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createRespondentService, type RespondentService } from '../../server/services/respondent-service.ts';
import { createStudyService } from '../../server/services/study-service.ts';
import { createWaveService } from '../../server/services/wave-service.ts';
import type { Repositories } from '../../server/storage/repositories.ts';
import type { Store } from '../../server/storage/store.ts';
import { COMPLETE_ALLIANCE_ANSWERS, createTestApp, PRETREATMENT_ALLIANCE_ANSWERS, TEST_ENGINE, TEST_RATE_LIMITS } from './test-app.ts';
import { testSql } from './test-sql.ts';

const LEASE = 5;
const YOUNG = { ...PRETREATMENT_ALLIANCE_ANSWERS, age_group: '18-29' };
const apps: { close(): void }[] = [];
after(() => apps.forEach((a) => a.close()));

/** A wave of target 20 (age 18–29 capped at 5) with services on a clock the test moves. */
async function setup() {
  const t = await createTestApp({ target: 20 });
  apps.push(t);
  let clock = Date.parse('2026-12-02T09:00:00.000Z');
  const now = () => new Date(clock).toISOString();
  const service = createRespondentService({ store: t.store, quotaLeaseSeconds: LEASE, now });
  const waves = createWaveService({ store: t.store, studies: createStudyService({ store: t.store }), quotaLeaseSeconds: LEASE, now });
  let n = 0;
  return {
    ...t,
    service,
    advance: (seconds: number) => (clock += seconds * 1000),
    young: async () => (await waves.status(t.wave.id)).quotas.find((q) => q.variable === 'age_group' && q.level === '18-29')!,
    status: () => waves.status(t.wave.id),
    async admitYoung(): Promise<{ code: string; admitted: boolean }> {
      const { participant } = await service.start({ waveId: t.wave.id, panelParams: { PROLIFIC_PID: `young-${n++}` } });
      const { admitted } = await service.checkQuota({ code: participant.code, answers: YOUNG });
      return { code: participant.code, admitted };
    },
  };
}

/** A new participant on `service` (one of several processes' services) taken through the quota step as 18–29. */
async function admitYoungOn(service: RespondentService, waveId: string, pid: string): Promise<{ code: string; admitted: boolean }> {
  const { participant } = await service.start({ waveId, panelParams: { PROLIFIC_PID: pid } });
  return { code: participant.code, admitted: (await service.checkQuota({ code: participant.code, answers: YOUNG })).admitted };
}

test('abandoned starts free their slots after the lease: the level can still reach its cap (it stayed full for good before)', async () => {
  const s = await setup();
  // Six at once: five are admitted, whichever reach the quota step first (on PostgreSQL not always in call order).
  const first = await Promise.all(Array.from({ length: 6 }, () => s.admitYoung()));
  assert.deepEqual(first.map((r) => r.admitted).sort(), [false, true, true, true, true, true]);
  assert.equal((await s.admitYoung()).admitted, false, 'full while the five leases run');
  s.advance(LEASE + 1);
  assert.deepEqual((await s.young()), { variable: 'age_group', level: '18-29', share: 0.21, cap: 5, filled: 0, completes: 0, leased: 0, overCap: 0, overCapReason: null });
  const later = await Promise.all(Array.from({ length: 6 }, () => s.admitYoung()));
  assert.deepEqual(later.map((r) => r.admitted).sort(), [false, true, true, true, true, true]);
  // All five complete: their slots are held for good, however long after.
  for (const { code } of later.filter((r) => r.admitted)) await s.service.complete({ code, answers: { ...COMPLETE_ALLIANCE_ANSWERS, age_group: '18-29' } });
  s.advance(10 * LEASE);
  assert.equal((await s.young()).completes, 5);
  assert.equal((await s.admitYoung()).admitted, false, 'completes are never released');
});

test('the lease runs from the last save, not from admission; a lapsed participant who returns is checked again', async () => {
  const s = await setup();
  const [keeper, lapsed, ...others] = await Promise.all(Array.from({ length: 5 }, () => s.admitYoung()));
  // The keeper saves every 3 s (within a 5-s lease) for 15 s; the others stop answering.
  for (let i = 0; i < 5; i++) {
    s.advance(3);
    const saved = await s.service.savePartial({ code: keeper!.code, answers: { do_nothing: 1 + i }, currentPage: 4 });
    assert.deepEqual(saved, { currentPage: 4, leaseSecondsLeft: LEASE });
  }
  assert.deepEqual([(await s.young()).leased, (await s.young()).filled], [1, 1], 'only the keeper’s lease runs');
  // Four newcomers refill the level to its cap of 5 beside the keeper (the lapsed slots do not count).
  const newcomers = await Promise.all(Array.from({ length: 4 }, () => s.admitYoung()));
  assert.deepEqual(newcomers.map((r) => r.admitted), [true, true, true, true]);
  assert.equal((await s.young()).filled, 5);

  // A lapsed participant coming back to a full level leaves as over quota; nothing of the save is kept but their answers.
  const back = await s.service.savePartial({ code: lapsed!.code, answers: { do_nothing: 3 }, currentPage: 4 });
  assert.equal(back.outcome?.status, 'overquota');
  assert.equal((await s.repos.participants.findByCode(lapsed!.code))!.status, 'overquota');
  assert.equal(await s.sql.value('SELECT COUNT(*) FROM quota_slots WHERE participant_id = ?', (await s.repos.participants.findByCode(lapsed!.code))!.id), 0);
  assert.equal((await s.young()).filled, 5, 'never more than the cap');

  // Once a lease lapses there is room again, and the next lapsed participant to return takes it (renewed) and completes.
  s.advance(LEASE + 1);
  const returning = others[0]!;
  assert.deepEqual(await s.service.savePartial({ code: returning.code, answers: { do_nothing: 3 }, currentPage: 4 }), { currentPage: 4, leaseSecondsLeft: LEASE });
  const done = await s.service.complete({ code: returning.code, answers: { ...COMPLETE_ALLIANCE_ANSWERS, age_group: '18-29' } });
  assert.equal(done.status, 'complete');
  assert.deepEqual([(await s.young()).completes, (await s.young()).leased], [1, 0]);
});

test('a completion after the lease lapsed into a refilled level is turned away, not counted over the cap', async () => {
  const s = await setup();
  const [slow] = await Promise.all(Array.from({ length: 5 }, () => s.admitYoung()));
  s.advance(LEASE + 1);
  const refill = await Promise.all(Array.from({ length: 5 }, () => s.admitYoung()));
  assert.ok(refill.every((r) => r.admitted));
  const late = await s.service.complete({ code: slow!.code, answers: { ...COMPLETE_ALLIANCE_ANSWERS, age_group: '18-29' } });
  assert.equal(late.status, 'overquota');
  assert.equal((await s.young()).filled, 5);
});

test('two processes whose clocks differ: a slot one of them gave away is lapsed for the other too, so the level never holds more than its cap', async () => {
  // Attacker pass 15: process B admits five; 4 s later (1 s of their 5-s lease left on B's clock) process A, whose
  // clock is 2 s ahead (two hosts on one PostgreSQL database, or one host whose clock stepped), sees them lapsed
  // and admits five more. The first five came back to B, which still saw their leases live and renewed them:
  // 10 completes in a level capped at 5. A slot counted as lapsed is now marked so (quota-admission.ts).
  const s = await setup();
  const SKEW = 2;
  let clock = Date.parse('2026-12-02T09:00:00.000Z');
  const onB = createRespondentService({ store: s.store, quotaLeaseSeconds: LEASE, now: () => new Date(clock).toISOString() });
  const onA = createRespondentService({ store: s.store, quotaLeaseSeconds: LEASE, now: () => new Date(clock + SKEW * 1000).toISOString() });
  let n = 0;
  const admit = (service: RespondentService) => admitYoungOn(service, s.wave.id, `skew-${n++}`);
  const first: { code: string; admitted: boolean }[] = [];
  for (let i = 0; i < 5; i++) first.push(await admit(onB));
  clock += (LEASE - SKEW + 1) * 1000;
  const second: { code: string; admitted: boolean }[] = [];
  for (let i = 0; i < 5; i++) second.push(await admit(onA));
  assert.deepEqual([...first, ...second].map((r) => r.admitted), Array(10).fill(true), 'A counted the first five as lapsed');
  const young = { ...COMPLETE_ALLIANCE_ANSWERS, age_group: '18-29' };
  const returned = [];
  for (const { code } of first) returned.push((await onB.savePartial({ code, answers: young, currentPage: 3 })).outcome?.status ?? 'saved');
  assert.deepEqual(returned, Array(5).fill('overquota'), 'checked again, as a late return on one clock is');
  for (const { code } of second) assert.equal((await onB.complete({ code, answers: young })).status, 'complete');
  assert.deepEqual(await s.young(), { variable: 'age_group', level: '18-29', share: 0.21, cap: 5, filled: 5, completes: 5, leased: 0, overCap: 0, overCapReason: null });
});

// On PostgreSQL only (its pass runs this file too): SQLite runs one write transaction at a time, so no count can come
// between the read and the renewal, and a skipped test in every SQLite run would read as one left out.
if (TEST_ENGINE !== 'sqlite') test('a save past the quota step whose lease another process lapses between its read and its renewal is checked again, not renewed over the refilled level', async () => {
  // Attacker pass 44: a save on the vignette's pages read its live lease (its own clock: 1 s left) without the wave's
  // lock; process B, 2 s ahead, counted it lapsed, marked it so and admitted five into the cap of 5; the save then
  // renewed the lease whatever the mark said: 6 completes in a level capped at 5. The save's transaction is held
  // here right after its read, by a store whose quotaSlots.hold waits on the test.
  const s = await setup();
  let clock = Date.parse('2026-12-02T09:00:00.000Z');
  let hold: { reached(): void; release: Promise<void> } | null = null;
  const held = (tx: Repositories): Repositories => ({
    ...tx,
    quotaSlots: {
      ...tx.quotaSlots,
      async hold(participantId, at) {
        const found = await tx.quotaSlots.hold(participantId, at);
        const h = hold;
        hold = null;
        if (h) (h.reached(), await h.release);
        return found;
      },
    },
  });
  const pausing: Store = Object.assign(Object.create(s.store) as Store, { write: <T>(fn: (tx: Repositories) => Promise<T>) => s.store.write((tx) => fn(held(tx))) });
  const onA = createRespondentService({ store: pausing, quotaLeaseSeconds: LEASE, now: () => new Date(clock).toISOString() });
  const onB = createRespondentService({ store: s.store, quotaLeaseSeconds: LEASE, now: () => new Date(clock + 2000).toISOString() });
  let n = 0;
  const admit = (service: RespondentService) => admitYoungOn(service, s.wave.id, `between-${n++}`);
  const first: { code: string; admitted: boolean }[] = [];
  for (let i = 0; i < 5; i++) first.push(await admit(onA));
  clock += (LEASE - 1) * 1000;
  let release!: () => void;
  const reached = new Promise<void>((r) => (hold = { reached: r, release: new Promise<void>((go) => (release = go)) }));
  const save = onA.savePartial({ code: first[0]!.code, answers: { do_nothing: 1 }, currentPage: 4 });
  await reached;
  const second: boolean[] = [];
  for (let i = 0; i < 5; i++) second.push((await admit(onB)).admitted);
  release();
  assert.deepEqual(second, Array(5).fill(true), 'B counted the first five as lapsed');
  assert.equal((await save).outcome?.status, 'overquota', 'the save finds its lease lapsed and the level full');
  assert.deepEqual([(await s.young()).filled, (await s.young()).cap], [5, 5]);
});

test('two processes with different VLAB_QUOTA_LEASE_SECONDS count the same leases: the shorter one neither lapses the longer one’s slots nor reports them idle', async () => {
  // Pass 40: each process counted live leases with its own cutoff (now − its own lease), so a process started with
  // 5 s lapsed, 10 s in, the five slots another process had leased for 600 s, admitted five more into a cap of 5, and
  // its status called the five idle. Each lease now carries its own end (quota_slots.lease_ends_at, migration 014).
  const s = await setup();
  let clock = Date.parse('2026-12-02T09:00:00.000Z');
  const now = () => new Date(clock).toISOString();
  const long = createRespondentService({ store: s.store, quotaLeaseSeconds: 600, now });
  const short = createRespondentService({ store: s.store, quotaLeaseSeconds: LEASE, now });
  const shortWaves = createWaveService({ store: s.store, studies: createStudyService({ store: s.store }), quotaLeaseSeconds: LEASE, now });
  let n = 0;
  const admit = async (service: typeof long) => {
    const { participant } = await service.start({ waveId: s.wave.id, panelParams: { PROLIFIC_PID: `mixed-${n++}` } });
    return { code: participant.code, ...(await service.checkQuota({ code: participant.code, answers: YOUNG })) };
  };
  const first: { code: string; admitted: boolean }[] = [];
  for (let i = 0; i < 5; i++) first.push(await admit(long));
  assert.ok(first.every((r) => r.admitted));
  clock += 10_000;
  assert.equal((await admit(short)).admitted, false, 'the five 600-s leases still run, on every process');
  const status = await shortWaves.status(s.wave.id);
  assert.deepEqual(status.starts, { live: 5, expired: 0, leaseSeconds: LEASE }, 'the five leased are live (the one turned away is over quota)');
  const young = status.quotas.find((q) => q.variable === 'age_group' && q.level === '18-29')!;
  assert.deepEqual([young.leased, young.filled], [5, 5]);
  // The short process renews a long lease for its own 5 s, and says so: the lease a save gives is the saving process's.
  assert.equal((await short.savePartial({ code: first[0]!.code, answers: { do_nothing: 1 }, currentPage: 4 })).leaseSecondsLeft, LEASE);
  assert.equal((await long.start({ waveId: s.wave.id, panelParams: { PROLIFIC_PID: 'mixed-0' }, sessionCode: first[0]!.code })).leaseSecondsLeft, LEASE);
});

test('wave status reports live and expired starts and each quota level’s completes and leases', async () => {
  const s = await setup();
  await Promise.all(Array.from({ length: 3 }, () => s.admitYoung()));
  s.advance(LEASE + 1);
  const [fresh] = await Promise.all(Array.from({ length: 2 }, () => s.admitYoung()));
  await s.service.complete({ code: fresh!.code, answers: { ...COMPLETE_ALLIANCE_ANSWERS, age_group: '18-29' } });
  const status = await s.status();
  assert.deepEqual(status.starts, { live: 1, expired: 3, leaseSeconds: LEASE });
  assert.equal(status.partials, 4);
  assert.deepEqual([(await s.young()).completes, (await s.young()).leased, (await s.young()).filled], [1, 1, 2]);
});

// The server's own clock runs here, so the five leases are made 61 s older in the table rather than waited out (3.1 s
// of an idle core on each engine, when the lease was 3 s). A minute's lease leaves the six requests before "full"
// all the time a loaded machine takes (with a 1-s lease the slot once came free early and "full" was admitted);
// with the default of two hours the aged slots would still be taken.
test('VLAB_QUOTA_LEASE_SECONDS reaches the server: with a 60-second lease, slots 61 s past their last save are free again over HTTP', async () => {
  const t = await createTestApp({ target: 20 });
  apps.push(t);
  const app = createApp({ store: t.store, config: loadConfig({ VLAB_QUOTA_LEASE_SECONDS: '60' }, { dbPath: t.location, logLevel: 'silent', ...TEST_RATE_LIMITS }) });
  const admit = async (pid: string) => {
    const code = (await request(app).post(`/api/waves/${t.wave.id}/participants`).send({ panel: { PROLIFIC_PID: pid } })).body.participant.code;
    return (await request(app).post(`/api/participants/${code}/quota-check`).send({ answers: YOUNG })).body.admitted as boolean;
  };
  for (let i = 0; i < 5; i++) assert.equal(await admit(`http-${i}`), true);
  assert.equal(await admit('http-full'), false);
  const sql = testSql(t.store);
  const leases = await sql.all<{ participant_id: number; lease_ends_at: string }>('SELECT DISTINCT participant_id, lease_ends_at FROM quota_slots WHERE lease_ends_at IS NOT NULL');
  assert.equal(leases.length, 5);
  for (const { participant_id, lease_ends_at } of leases) {
    await sql.run('UPDATE quota_slots SET lease_ends_at = ? WHERE participant_id = ?', new Date(Date.parse(lease_ends_at) - 61_000).toISOString(), participant_id);
  }
  assert.equal(await admit('http-after'), true);
});

// WCAG 2.2.1 (Timing Adjustable): the page warns before the lease lapses, so every respondent answer says how long is left.
test('leaseSecondsLeft: none before the quota step, the whole lease after it and after each save, what is left on a resume, none once lapsed or complete', async () => {
  const s = await setup();
  const { participant } = await s.service.start({ waveId: s.wave.id, panelParams: { PROLIFIC_PID: 'timed' } });
  // The resume of the participant's own session (the cookie's code), as their page sends it.
  const resume = async () => (await s.service.start({ waveId: s.wave.id, panelParams: { PROLIFIC_PID: 'timed' }, sessionCode: participant.code })).leaseSecondsLeft;
  const panelIdOnly = async () => (await s.service.start({ waveId: s.wave.id, panelParams: { PROLIFIC_PID: 'timed' } })).leaseSecondsLeft;
  assert.equal(await resume(), null, 'no lease before the quota step');
  assert.deepEqual(await s.service.savePartial({ code: participant.code, answers: { consent: true }, currentPage: 1 }), { currentPage: 1, leaseSecondsLeft: null });
  assert.deepEqual(await s.service.checkQuota({ code: participant.code, answers: YOUNG }), { admitted: true, outcome: null, leaseSecondsLeft: LEASE });
  s.advance(2);
  assert.equal(await resume(), LEASE - 2);
  assert.equal(await panelIdOnly(), null, 'the lease tells when the participant last saved: not to a client proving only the panel ID');
  s.advance(0.5);
  assert.equal(await resume(), LEASE - 3, 'whole seconds, rounded down: the warning is never late');
  assert.deepEqual(await s.service.savePartial({ code: participant.code, answers: { do_nothing: 2 }, currentPage: 4 }), { currentPage: 4, leaseSecondsLeft: LEASE });
  s.advance(LEASE + 1);
  assert.equal(await resume(), null, 'a lapsed lease is no lease: the next save checks the quota again');
  assert.deepEqual(await s.service.savePartial({ code: participant.code, answers: { do_nothing: 3 }, currentPage: 4 }), { currentPage: 4, leaseSecondsLeft: LEASE }, 'room left: leased again');
  await s.service.complete({ code: participant.code, answers: { ...COMPLETE_ALLIANCE_ANSWERS, age_group: '18-29' } });
  assert.equal(await resume(), null, 'a complete holds its slot for good');
});

test('leaseSecondsLeft over HTTP: in the start, quota-step and save answers (null without a lease)', async () => {
  const t = await createTestApp({ target: 20 }, { quotaLeaseSeconds: 600 });
  apps.push(t);
  const started = await request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({ panel: { PROLIFIC_PID: 'http-timed' } });
  assert.equal(started.body.leaseSecondsLeft, null);
  const code = started.body.participant.code;
  const quota = await request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: YOUNG });
  assert.deepEqual(quota.body, { admitted: true, outcome: null, leaseSecondsLeft: 600 });
  const saved = await request(t.app).put(`/api/participants/${code}/answers`).send({ answers: { do_nothing: 2 }, currentPage: 4 });
  assert.deepEqual(saved.body, { saved: true, currentPage: 4, leaseSecondsLeft: 600 });
  const cookie = started.headers['set-cookie'];
  const resumed = await request(t.app).post(`/api/waves/${t.wave.id}/participants`).set('Cookie', cookie).send({ panel: { PROLIFIC_PID: 'http-timed' } });
  const panelIdOnly = await request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({ panel: { PROLIFIC_PID: 'http-timed' } });
  assert.equal(panelIdOnly.body.leaseSecondsLeft, null, 'no cookie, no session ID: nothing of when they last saved');
  assert.ok(resumed.body.leaseSecondsLeft > 590 && resumed.body.leaseSecondsLeft <= 600, String(resumed.body.leaseSecondsLeft));
});
