/**
 * The wallet's scheduled jobs (docs/programme.md "Tiers", "Points"), run by
 * graphile-worker in the subgraph that owns the data:
 * - tier-cycle-end: each member whose growth in an ended cycle fell short of
 *   its tier drops one tier, and a new cycle starts (tier-evaluation.ts);
 * - points-expiry: lots whose end of year N+1 has come expire (points-expiry.ts);
 * - tag-rebuild: every rule tag rebuilt from its rule (marketing/tags/tag-rules.ts), for
 *   what time alone changes (inactivity, windows of N days, plans ending).
 * - campaign-run: campaigns whose instant has come (marketing/campaigns/campaigns.ts): scheduled ones, and those just
 *   created to run now (queued by createCampaign), their coupons a batch of members at a time, with progress;
 * - points-expiring: points lots expiring within 30 days announced to webhooks, once each;
 * - benefit-grants: every coupon pack and points gift the month brings (MONTHLY, birthdays, anniversaries) to its holders (marketing/benefits/benefit-grants.ts), after the cycle ends;
 * - journal-months: the journal's partitions through three months ahead (ledger/journal/journal-months.ts), daily
 *   and at start, before the wallet listens;
 * - follow-up: what follows a member's movement or registration (marketing/follow-up/after-movement.ts), queued in its transaction.
 * - benefit-budget: a budgeted benefit's month after a movement of it (marketing/benefits/benefit-budget.ts), one waiting per month.
 * - rfm-refresh: every scope's RFM pyramid and every member's segment as of now (marketing/analytics/rfm.ts), hourly
 *   and whenever HQ asks (Mutation.refreshRfm); requests and campaign audiences read it.
 * - analytics-refresh: the analytics snapshots read in the last week computed again as of now, hourly and whenever HQ
 *   asks (Mutation.refreshAnalytics), and one range the first time somebody asks for it
 *   (marketing/analytics/analytics-snapshot.ts); in a queue of its own, one at a time.
 * Each runs at start (catching up on every boundary missed while the hub was
 * down), the first two hourly, the rebuild nightly (03:00 in Shanghai), the
 * campaigns every minute, the expiry notices daily (09:00 in Shanghai). Both are idempotent and set-based; graphile-worker
 * runs each job once across replicas (cron items once per instant, the start
 * jobs under one job key, queued by one replica), retries failures with backoff, and keeps its queue
 * in PostgreSQL (schema wallet_jobs). The jobs read the hub's clock, so tests
 * move them across boundaries with UNICARD_NOW.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { Logger, run, runMigrations, type LogLevel, type Runner, type TaskList } from 'graphile-worker';
import pg from 'pg';
import type { Logger as Pino } from 'pino';
import type { Clock } from '../../../lib/clock.js';
import type { RunningBackground } from '../../../lib/subgraph.js';
import { POOL_IDLE_MS, asBackgroundWork, connectionName } from '../../../lib/database.js';
import { COALITION_TIME_ZONE, JOBS_SCHEMA, MONTHS_AHEAD, makeMonthsAhead, type LedgerDeps } from '../ledger/index.js';
import { expireDuePoints, programmeInForce, endTierCycles } from '../programme/index.js';
import {
  MOVEMENT_HOOKS,
  rebuildRuleTags,
  runDueCampaigns,
  announceExpiringPoints,
  FOLLOW_UP_TASK,
  runFollowUp,
  type FollowUp,
  BENEFIT_BUDGET_TASK,
  checkBenefitBudget,
  type BudgetCheck,
  grantDueBenefits,
  type BenefitGrants,
  refreshRfm,
  rfmRefreshed,
  CAMPAIGN_RUN_TASK,
  type RunProgress,
  RFM_REFRESH_TASK,
  ANALYTICS_TASK,
  refreshAnalytics,
  type AnalyticsRefresh,
} from '../marketing/index.js';

export interface WalletJobsDeps {
  databaseUrl: string;
  /** Whether this process queues the catch-up jobs at start: of several replicas only one does (lib/replicas.ts). */
  catchesUp?: boolean;
  orm: MikroORM;
  clock: Clock;
  log: Pino;
  timeZone?: string;
}

export const JOBS = [
  'journal-months',
  'tier-cycle-end',
  'points-expiry',
  'tag-rebuild',
  CAMPAIGN_RUN_TASK,
  'points-expiring',
  'benefit-grants',
  RFM_REFRESH_TASK,
  ANALYTICS_TASK,
] as const;
/** When each runs, in graphile-worker's crontab (UTC). */
const SCHEDULE: Record<(typeof JOBS)[number], string> = {
  // Daily at 02:30 in Shanghai: months are made three ahead, so a job that fails for weeks leaves nothing without its month.
  'journal-months': '30 18 * * *',
  'tier-cycle-end': '0 * * * *',
  'points-expiry': '0 * * * *',
  'tag-rebuild': '0 19 * * *',
  [CAMPAIGN_RUN_TASK]: '* * * * *',
  'points-expiring': '0 1 * * *',
  // Every five minutes: a month's first grants soon after it starts, and a new benefit's (or a tier's new one) within minutes.
  'benefit-grants': '*/5 * * * *',
  // Hourly, after the hour's tier cycles and expiry: a dashboard's pyramid is at most an hour old unless HQ asks sooner.
  [RFM_REFRESH_TASK]: '10 * * * *',
  // Hourly, after RFM's: the figures dashboards read are at most an hour old unless HQ asks sooner.
  [ANALYTICS_TASK]: '20 * * * *',
};
/** Jobs that run in a queue of their own, one at a time (heavy work that must not hold both workers). */
const QUEUE: Partial<Record<(typeof JOBS)[number], string>> = { [ANALYTICS_TASK]: ANALYTICS_TASK };

/** How long a wallet's start waits for RFM's first refresh before it listens with the refresh still running. */
const FIRST_RFM_WAIT_MS = 20_000;

/** graphile-worker's own tables, with the wallet's migrations (npm start and the test template run it up front). */
export async function migrateWalletJobs(databaseUrl: string): Promise<void> {
  const pgPool = new pg.Pool({ connectionString: databaseUrl, max: 1, application_name: connectionName('wallet', 'migrations') });
  try {
    await runMigrations({ pgPool, schema: JOBS_SCHEMA, logger: new Logger(() => () => undefined) });
  } finally {
    await pgPool.end();
  }
}

/** Jobs run at once: a follow-up of a movement does not wait behind a long nightly rebuild. */
const CONCURRENCY = 2;

/** graphile-worker's own log lines, through the subgraph's logger. */
const workerLogger = (log: Pino) =>
  new Logger(() => (level: LogLevel, message: string, meta?: unknown) => {
    // A failure's error says what went wrong; the job record beside it is noise in a log line.
    const failure = (meta as { error?: { code?: string; message?: string } } | undefined)?.error;
    if (level === 'error') log.error({ error: failure?.code }, message.split('\n')[0]!.slice(0, 300));
    else if (level === 'warning') log.warn(message);
    else if (level === 'info') log.info(message);
    else log.debug(message);
  });

export async function startWalletJobs(deps: WalletJobsDeps): Promise<RunningBackground> {
  const timeZone = deps.timeZone ?? COALITION_TIME_ZONE;
  const log = deps.log.child({ component: 'jobs' });
  // A job's movements (a campaign's points) are followed like every other (marketing/follow-up/hooks.ts).
  const ledger = (): LedgerDeps => ({ em: deps.orm.em.fork(), clock: deps.clock, timeZone, hooks: MOVEMENT_HOOKS });
  const taskList: TaskList = {
    'journal-months': async () => {
      const made = await makeMonthsAhead(deps.orm.em.fork(), deps.clock.now(), timeZone);
      log.info({ job: 'journal-months', made }, `${made} journal months made, through ${MONTHS_AHEAD} months ahead`);
    },
    'tier-cycle-end': async () => {
      const em = deps.orm.em.fork();
      const now = deps.clock.now();
      const ended = await endTierCycles(em, await programmeInForce(em, now), now, timeZone);
      if (ended.length === 0) log.info({ job: 'tier-cycle-end' }, 'no cycle ended since the last run');
      for (const e of ended)
        log.info(
          { job: 'tier-cycle-end', boundary: e.boundary.toISOString(), dropped: e.dropped },
          `cycle ended at ${e.boundary.toISOString()}: ${e.dropped} members dropped a tier`,
        );
    },
    'points-expiry': async () => {
      const expired = await expireDuePoints(ledger());
      log.info(
        { job: 'points-expiry', members: expired.members, points: expired.points.toString() },
        `${expired.points} points of ${expired.members} members expired`,
      );
    },
    'points-expiring': async () => {
      const lots = await announceExpiringPoints(deps.orm.em.fork(), deps.clock.now());
      log.info({ job: 'points-expiring', lots }, `${lots} points lots announced as expiring`);
    },
    'benefit-grants': async () => {
      const em = deps.orm.em.fork();
      const now = deps.clock.now();
      const programme = await programmeInForce(em, now);
      // A cycle that ended on the month's first day drops its members first: the month's grants follow the downgrade.
      await endTierCycles(em, programme, now, timeZone);
      const progress = (g: BenefitGrants) =>
        log.info({ job: 'benefit-grants', ...g }, `benefit ${g.benefitId}: ${g.coupons} coupons and ${g.points} points to ${g.members} members so far`);
      const granted = (await grantDueBenefits({ ...ledger(), em }, programme, progress)).filter((g) => g.members > 0);
      for (const g of granted)
        log.info({ job: 'benefit-grants', ...g }, `benefit ${g.benefitId}: ${g.coupons} coupons and ${g.points} points to ${g.members} members for the month`);
    },
    [CAMPAIGN_RUN_TASK]: async () => {
      const progress = (p: RunProgress) =>
        log.info({ job: CAMPAIGN_RUN_TASK, ...p }, `campaign ${p.campaignId}: ${p.issued} coupons issued in ${p.batches} batches so far`);
      const ran = await runDueCampaigns(ledger(), progress);
      if (ran > 0) log.info({ job: CAMPAIGN_RUN_TASK, campaigns: ran }, `${ran} campaigns ran`);
    },
    [RFM_REFRESH_TASK]: async () => {
      const refresh = await refreshRfm(deps.orm.em.fork(), deps.clock, timeZone, (line) => log.info({ job: RFM_REFRESH_TASK }, line));
      log.info(
        { job: RFM_REFRESH_TASK, asOf: refresh.asOf.toISOString(), members: refresh.members, scopes: refresh.scopes },
        `RFM as of ${refresh.asOf.toISOString()}: ${refresh.members} members, ${refresh.scopes} scopes`,
      );
    },
    [ANALYTICS_TASK]: async (payload) => {
      const refresh = (payload ?? {}) as AnalyticsRefresh;
      const done = await refreshAnalytics(deps.orm.em.fork(), deps.clock, timeZone, refresh, (line) => log.info({ job: ANALYTICS_TASK }, line));
      log.info({ job: ANALYTICS_TASK, snapshots: done, ...refresh }, `${done} analytics snapshots computed`);
    },
    'tag-rebuild': async () => {
      const tags = await rebuildRuleTags(deps.orm.em.fork(), deps.clock.now());
      log.info({ job: 'tag-rebuild', tags }, `${tags} rule tags rebuilt`);
    },
    // What follows each member's movement or registration, queued in its transaction (marketing/follow-up/after-movement.ts).
    [FOLLOW_UP_TASK]: async (payload) => {
      await runFollowUp(ledger(), log, payload as FollowUp);
    },
    // A budgeted benefit's month, after a movement that gave or gave back some of it (marketing/benefits/benefit-budget.ts).
    [BENEFIT_BUDGET_TASK]: async (payload) => {
      const check = payload as BudgetCheck;
      const noticed = await checkBenefitBudget(deps.orm.em.fork(), deps.clock.now(), timeZone, check);
      if (noticed.length)
        log.info({ job: BENEFIT_BUDGET_TASK, ...check, noticed }, `benefit ${check.benefitId} reached ${noticed.join(' and ')}% of its budget`);
    },
  };
  // The journal's months around now, before anything moves (a new database has none); every replica, each a no-op once made.
  await makeMonthsAhead(deps.orm.em.fork(), deps.clock.now(), timeZone);
  // RFM's first refresh, on a database without one (a new hub, or the first start after refreshes came in): the wallet
  // waits for it before it listens, up to FIRST_RFM_WAIT_MS, so that a new hub never answers without it; a large
  // journal's (a minute at 10M purchases) goes on beside, RFM answering SERVICE_UNAVAILABLE (retryable) until it commits.
  // After that the job keeps it, and a start reads the last. Whether the first refresh committed (null: none was needed).
  let firstRfm: Promise<boolean> | null = null;
  if (!(await rfmRefreshed(deps.orm.em.fork()))) {
    firstRfm = refreshRfm(deps.orm.em.fork(), deps.clock, timeZone, (line) => log.info({ job: RFM_REFRESH_TASK }, line)).then(
      (refresh) => {
        log.info({ job: RFM_REFRESH_TASK, asOf: refresh.asOf.toISOString(), members: refresh.members }, 'RFM computed for the first time');
        return true;
      },
      (error: unknown) => {
        log.error({ job: RFM_REFRESH_TASK, err: error }, 'the first RFM refresh failed; the job tries again');
        return false;
      },
    );
    await Promise.race([firstRfm, new Promise((resolve) => setTimeout(resolve, FIRST_RFM_WAIT_MS).unref())]);
  }
  // The worker's own pool, bounded: one connection listens for new jobs, one each for the jobs running at once, one for
  // completing and queueing them. Left to itself graphile-worker keeps up to ten, and closes an idle one after 10 s to
  // open another at the next job (a sixth of a test run's PostgreSQL connections were these, docs/testing.md).
  const pgPool = new pg.Pool({
    connectionString: deps.databaseUrl,
    max: CONCURRENCY + 2,
    idleTimeoutMillis: POOL_IDLE_MS,
    application_name: connectionName('wallet', 'jobs'),
  });
  pgPool.on('error', (error) => log.warn({ error: error.message }, 'a job connection failed; the pool replaces it'));
  const runner: Runner = await run({
    pgPool,
    schema: JOBS_SCHEMA,
    concurrency: CONCURRENCY,
    noHandleSignals: true,
    pollInterval: 5_000,
    logger: workerLogger(log),
    // Every job's statements are background work in the subgraph's metrics (lib/database.ts), never counted as a GraphQL
    // request's: a job that ran beside a request used to add to that request's count.
    taskList: Object.fromEntries(
      Object.entries(taskList).map(([name, task]) => [name, (payload, helpers) => asBackgroundWork(() => Promise.resolve(task!(payload, helpers)))]),
    ),
    crontab: JOBS.map((job) => `${SCHEDULE[job]} ${job}${QUEUE[job] ? ` ?queue=${QUEUE[job]}` : ''}`).join('\n'),
  });
  // Each once at start, catching up on whatever boundary passed while the hub was down; and again when a test moves the
  // clock across boundaries without a restart (lib/clock.ts). RFM's at start only if its first refresh above failed: the
  // job would compute the same again.
  const catchUp = async (jobs: readonly (typeof JOBS)[number][] = JOBS) => {
    for (const job of jobs) await runner.addJob(job, {}, { jobKey: `${job}:start`, maxAttempts: 5, queueName: QUEUE[job] });
  };
  if (deps.catchesUp === false) {
    // Another replica catches up; this one only runs what is queued.
  } else if (firstRfm === null) await catchUp();
  else {
    await catchUp(JOBS.filter((job) => job !== RFM_REFRESH_TASK));
    void firstRfm.then((committed) => (committed ? undefined : catchUp([RFM_REFRESH_TASK]))).catch(() => undefined);
  }
  return {
    stop: async () => {
      await runner.stop();
      await pgPool.end();
    },
    clockMoved: () => catchUp(),
  };
}
