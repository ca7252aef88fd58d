/**
 * A campaign's run beside the request (issue 25; docs/marketing.md "Targeted campaigns"), with the wallet's domain
 * functions against PostgreSQL and batches of 3 members where the job's are 20,000: creating the campaign only queues
 * the job; the run chooses whom it reaches at once, then issues its coupons a batch at a time, each batch committed
 * (RUNNING meanwhile, the coupons so far readable); a budget that runs out leaves the rest unreached; a run a crash
 * interrupted is finished by the job's next pass, nobody given a coupon twice.
 *
 * Ten members with marketing consent and one without, all of merchant A; a template of A's with a budget of 7.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { testDatabase } from './support/database.js';
import { FixedClock } from '../lib/clock.js';
import { createOrm, migrate } from '../lib/database.js';
import { executeSql, sql } from '../lib/sql.js';
import type { Claims } from '../lib/auth.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { addWalletMember, addWalletMerchant } from './support/wallet-directory.js';
import { COALITION_TIME_ZONE } from '../subgraphs/wallet/ledger/journal/accounting-period.js';
import { MOVEMENT_HOOKS, campaignFor, createCampaign, runDueCampaigns, type RunProgress } from '../subgraphs/wallet/marketing/index.js';
import { createCouponTemplate } from '../subgraphs/wallet/marketing/coupons/coupon-template.js';

let orm: MikroORM;
const merchant = randomUUID();
const store = randomUUID();
const members: string[] = Array.from({ length: 11 }, () => randomUUID()).sort();
const owner: Claims = { role: 'MERCHANT', subject: 'back-office-a', merchantId: merchant };
const clock = new FixedClock(new Date('2026-06-01T10:00:00+08:00'));
const ledger = () => ({ em: orm.em.fork(), clock, timeZone: COALITION_TIME_ZONE, hooks: MOVEMENT_HOOKS });
const BATCH = 3;

async function template(budget: number): Promise<string> {
  const made = await createCouponTemplate(orm.em.fork(), clock.now(), owner, {
    name: `券${randomUUID().slice(0, 6)}`,
    kind: 'AMOUNT_OFF',
    amountOff: { amount: '5' },
    validDays: 30,
    budget,
  });
  return made.id;
}

async function campaign(templateId: string, key: string, budget?: { coupons: number }): Promise<string> {
  const made = await createCampaign(ledger(), owner, {
    name: key,
    trigger: { kind: 'NOW' },
    audience: {},
    action: { kind: 'ISSUE_COUPON', couponTemplateId: templateId },
    controlGroupBps: 0,
    budget,
    idempotencyKey: key,
  });
  return made.id;
}

/** Who holds the template's coupons (each member's count), who the campaign reached, and the jobs it queued. */
async function state(campaignId: string, templateId: string) {
  const em = orm.em.fork();
  const coupons = await executeSql<{ member_id: string; n: string }>(
    em,
    sql`select member_id, count(*) as n from wallet.coupon where template_id = ${templateId} group by member_id`,
  );
  const reached = await executeSql<{ member_id: string }>(
    em,
    sql`select member_id from wallet.campaign_member where campaign_id = ${campaignId} and not held_out order by member_id`,
  );
  const [template] = await executeSql<{ issued: number }>(em, sql`select issued from wallet.coupon_template where id = ${templateId}`);
  return {
    holders: coupons.map((c) => members.indexOf(c.member_id)).sort((a, b) => a - b),
    twice: coupons.filter((c) => Number(c.n) > 1).length,
    reached: reached.map((r) => members.indexOf(r.member_id)),
    issued: template!.issued,
  };
}

beforeAll(async () => {
  orm = await createOrm({ url: await testDatabase('unicard_campaign_runs'), schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 3 });
  await migrate(orm, 'wallet');
  const em = () => orm.em.fork();
  await addWalletMerchant(em, clock, { merchantId: merchant, storeId: store });
  for (const [i, memberId] of members.entries())
    await addWalletMember(em, clock, memberId, { merchantId: merchant, storeId: store, marketingConsent: i !== 10 });
});
afterAll(async () => orm?.close());

describe('a campaign run by the job, in batches', () => {
  it('is only queued by its creation; the run reaches its audience a batch at a time, readable and RUNNING in between', async () => {
    const templateId = await template(100);
    const id = await campaign(templateId, 'all');
    expect((await campaignFor(orm.em.fork(), id))!.status).toBe('SCHEDULED');
    expect((await state(id, templateId)).holders).toEqual([]);
    const [queued] = await executeSql<{ n: string }>(orm.em.fork(), sql`select count(*) as n from wallet_jobs.jobs where task_identifier = 'campaign-run'`);
    expect(Number(queued!.n)).toBeGreaterThan(0);

    const seen: { progress: RunProgress; status: string; holders: number }[] = [];
    await runDueCampaigns(
      ledger(),
      async (progress) => {
        seen.push({ progress, status: (await campaignFor(orm.em.fork(), id))!.status, holders: (await state(id, templateId)).holders.length });
      },
      BATCH,
    );
    // Ten with consent, in batches of three: 3, 6, 9, then the last one and the campaign settled in the same transaction.
    expect(seen.map((s) => [s.progress.batches, s.progress.issued, s.status, s.holders])).toEqual([
      [1, 3, 'RUNNING', 3],
      [2, 6, 'RUNNING', 6],
      [3, 9, 'RUNNING', 9],
      [4, 10, 'COMPLETED', 10],
    ]);
    expect(await state(id, templateId)).toEqual({ holders: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], twice: 0, reached: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], issued: 10 });
    const done = (await campaignFor(orm.em.fork(), id))!;
    expect({ status: done.status, runningAt: done.runningAt, ranAt: done.ranAt }).toEqual({ status: 'COMPLETED', runningAt: null, ranAt: clock.now() });
  });

  it("stops where the template's budget runs out: those after it are not reached", async () => {
    const templateId = await template(7);
    const id = await campaign(templateId, 'budget');
    await runDueCampaigns(ledger(), () => {}, BATCH);
    expect(await state(id, templateId)).toEqual({ holders: [0, 1, 2, 3, 4, 5, 6], twice: 0, reached: [0, 1, 2, 3, 4, 5, 6], issued: 7 });
    expect((await campaignFor(orm.em.fork(), id))!.status).toBe('COMPLETED');
  });

  it("a run a crash interrupted is finished by the job's next pass, nobody given a coupon twice", async () => {
    const templateId = await template(100);
    const id = await campaign(templateId, 'crash', { coupons: 8 });
    // The worker dies after its second batch committed.
    const crash = new Error('the worker died');
    await expect(
      runDueCampaigns(
        ledger(),
        (p) => {
          if (p.batches === 2) throw crash;
        },
        BATCH,
      ),
    ).rejects.toBe(crash);
    const midway = await campaignFor(orm.em.fork(), id);
    expect({ status: midway!.status, running: midway!.runningAt !== null, holders: (await state(id, templateId)).holders }).toEqual({
      status: 'RUNNING',
      running: true,
      holders: [0, 1, 2, 3, 4, 5],
    });
    // Two passes at once (the minute's and one a creation queued) finish it between them, under the campaign's lock.
    await Promise.all([runDueCampaigns(ledger(), () => {}, BATCH), runDueCampaigns(ledger(), () => {}, BATCH)]);
    // Its own budget of 8 coupons: the campaign is spent and done; the two after the eighth are not reached.
    expect(await state(id, templateId)).toEqual({ holders: [0, 1, 2, 3, 4, 5, 6, 7], twice: 0, reached: [0, 1, 2, 3, 4, 5, 6, 7], issued: 8 });
    expect((await campaignFor(orm.em.fork(), id))!.status).toBe('COMPLETED');
  });
});
