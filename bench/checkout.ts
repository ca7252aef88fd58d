/**
 * Checkout throughput and latency at several client counts:
 *   (a) through the gateway, (b) straight to the wallet subgraph with the same
 *   terminal token, (c) the database ceiling: the exact statements one
 *   checkout sends (recorded from the real domain code), replayed over `pg`
 *   with fresh keys, ids and pay codes, with nothing else in the way.
 * Plus pgbench's TPC-B-like run against the same server when a pgbench
 * binary is on the machine (the embedded package has none).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { BeginAheadClient } from '../lib/begin-ahead.js';
import type { Claims } from '../lib/auth.js';
import { systemClock } from '../lib/clock.js';
import { createOrm } from '../lib/database.js';
import { formatDecimal } from '../lib/money.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { payCodeKeyFromEnv } from '../subgraphs/wallet/index.js';
import { hashPayCode, issuePayCode } from '../subgraphs/wallet/ledger/index.js';
import { MOVEMENT_HOOKS } from '../subgraphs/wallet/marketing/index.js';
import { checkout } from '../subgraphs/wallet/payments/index.js';
import { contractOperations } from '../test/support/graphql.js';
import { authenticate, newPhone } from '../test/support/coalition.js';
import { measuringCpu, type BenchEnvironment } from './environment.js';
import { closedLoop, postGraphQL, summarise, type LoadResult } from './load.js';

const OPERATIONS = contractOperations();
const document = (name: string) => OPERATIONS.get(name)!.document;

export interface Member {
  id: string;
  session: string;
}

/** Registers and funds members through the gateway, `parallel` at a time. */
export async function fundMembers(env: BenchEnvironment, count: number, progress: (line: string) => void): Promise<Member[]> {
  const url = env.hub.gatewayUrl;
  const till = await authenticate(url, env.issuer.stores[0]!.terminal);
  const office = await authenticate(url, env.issuer.backOffice);
  const members: Member[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const i = next++;
        const registered = await postGraphQL(
          url,
          JSON.stringify({ query: document('RegisterMember'), variables: { input: { phone: newPhone(), name: '压测', storeId: env.issuer.stores[0]!.id } } }),
          till,
        );
        const id = (registered.registerMember as { member: { id: string } }).member.id;
        const session = await postGraphQL(url, JSON.stringify({ query: document('CreateMemberSession'), variables: { memberId: id } }), office);
        await postGraphQL(
          url,
          JSON.stringify({
            query: document('TopUp'),
            variables: { input: { memberId: id, storeId: env.issuer.stores[0]!.id, amount: { amount: '1000000' }, idempotencyKey: `bench-fund-${id}` } },
          }),
          office,
        );
        members[i] = { id, session: (session.createMemberSession as { token: string }).token };
        if ((i + 1) % 100 === 0) progress(`  funded ${i + 1}/${count} members`);
      }
    }),
  );
  return members;
}

/** Gives every member points to burn: one order of ¥3,000.00 each, paid outside the hub (3,000 points, and the tier gifts it reaches). */
/** Each member earns 3,000 points; `round` tells a later top-up of points from the first (its own idempotency keys). */
export async function earnPoints(env: BenchEnvironment, members: Member[], round = 0): Promise<void> {
  const url = env.hub.gatewayUrl;
  const till = await authenticate(url, env.acquirer.stores[0]!.terminal);
  const walletUrl = env.subgraphUrl('wallet');
  const asGateway = await env.asGateway();
  await closedLoop(8, members.length, async (i) => {
    const code = (await postGraphQL(walletUrl, JSON.stringify({ query: document('IssuePayCode') }), members[i]!.session, asGateway)).issuePayCode as {
      code: string;
    };
    await postGraphQL(
      url,
      JSON.stringify({
        query: document('Checkout'),
        variables: {
          input: {
            payCode: code.code,
            storeId: env.acquirer.stores[0]!.id,
            orderAmount: { amount: '3000.00' },
            storedValue: { amount: '0' },
            idempotencyKey: round === 0 ? `bench-earn-${i}` : `bench-earn-${round}-${i}`,
          },
        },
      }),
      till,
    );
  });
}

/** Fen amounts that are not round, the same sequence in every mode. */
const amountOf = (i: number) => 101n + BigInt((i * 37) % 299);

/** Unused coupons per member (by the members' order), each handed out once, and the discount each gives. */
export class CouponPool {
  constructor(
    private readonly byMember: string[][],
    readonly discount: bigint,
  ) {}
  take(member: number): string {
    const coupon = this.byMember[member]?.pop();
    if (!coupon) throw new Error(`no coupon left for member ${member}: issue more`);
    return coupon;
  }
}

/**
 * A till's token is re-asked for after this long: tokens live 15 minutes (TOKEN_TTL_SECONDS), and a full bench reaches
 * its journal-months part after that, where every checkout with the first tokens was refused (0/s).
 */
const TILL_TOKEN_REUSE_MS = 10 * 60_000;

export class CheckoutBench {
  private tills: string[] = [];
  private tillsAt = 0;
  private run = 0;

  constructor(
    private readonly env: BenchEnvironment,
    private readonly members: Member[],
  ) {}

  async init(): Promise<void> {
    this.tillsAt = Date.now();
    this.tills = await Promise.all(this.env.acquirer.stores.map((s) => authenticate(this.env.hub.gatewayUrl, s.terminal)));
  }

  /** Pay codes come from the wallet subgraph directly, before the clock starts (they live 60 s). */
  async payCodes(count: number): Promise<string[]> {
    const codes: string[] = new Array(count);
    const walletUrl = this.env.subgraphUrl('wallet');
    const body = JSON.stringify({ query: document('IssuePayCode') });
    const asGateway = await this.env.asGateway();
    await closedLoop(16, count, async (i) => {
      const data = await postGraphQL(walletUrl, body, this.members[i % this.members.length]!.session, asGateway);
      codes[i] = (data.issuePayCode as { code: string }).code;
    });
    return codes;
  }

  /** One measured point: `count` checkouts by `clients` terminals, through the gateway, straight to the wallet, or to another gateway's URL. */
  async point(
    target: 'gateway' | 'wallet' | URL,
    clients: number,
    count: number,
    issuedCodes?: string[],
    opts: { points?: number; coupons?: CouponPool; memberDiscount?: bigint } = {},
  ): Promise<LoadResult> {
    const run = ++this.run;
    if (Date.now() - this.tillsAt > TILL_TOKEN_REUSE_MS) await this.init();
    const codes = issuedCodes ?? (await this.payCodes(count));
    const url = target === 'gateway' ? this.env.hub.gatewayUrl : target === 'wallet' ? this.env.subgraphUrl('wallet') : target.toString();
    const stores = this.env.acquirer.stores;
    const headers = target === 'wallet' ? await this.env.asGateway() : {};
    return measuringCpu(this.env, () =>
      closedLoop(clients, count, async (i) => {
        const store = i % stores.length;
        const amount = formatDecimal(amountOf(i));
        // With points: they pay their worth (1 point = 1 fen by default) on top of the same stored value; a coupon takes its
        // discount off on top of both, and a member discount (a known amount: its benefit's cap) on top of all.
        const points = opts.points ?? 0;
        const coupon = opts.coupons?.take(i % this.members.length);
        const order = amountOf(i) + BigInt(points) + (coupon ? opts.coupons!.discount : 0n) + (opts.memberDiscount ?? 0n);
        const body = JSON.stringify({
          query: document('Checkout'),
          variables: {
            input: {
              payCode: codes[i],
              storeId: stores[store]!.id,
              orderAmount: { amount: formatDecimal(order) },
              ...(coupon ? { couponId: coupon } : {}),
              ...(points ? { points } : {}),
              storedValue: { amount },
              idempotencyKey: `bench-${run}-${i}`,
            },
          },
        });
        await postGraphQL(url, body, this.tills[store], headers);
      }),
    );
  }
}

interface RecordedStatement {
  text: string;
  values: unknown[];
}
interface CheckoutTemplate {
  statements: RecordedStatement[];
  key: string;
  transactionId: string;
  payCodeHash: string;
  memberId: string;
}

/**
 * Records the statements the wallet's checkout sends to PostgreSQL, one
 * template per replay client (each with its own wallet, so the replay has
 * no more contention than the HTTP runs).
 */
export async function recordCheckoutTemplates(env: BenchEnvironment, members: Member[], clients: number): Promise<CheckoutTemplate[]> {
  const orm = await createOrm({ url: env.databaseUrl, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 2 });
  const payCodeKey = payCodeKeyFromEnv({ UNICARD_PAYCODE_SECRET: env.payCodeSecret });
  const templates: CheckoutTemplate[] = [];
  // The hub's client (lib/begin-ahead.ts): recorded there, so a transaction's BEGIN is recorded too.
  const original = BeginAheadClient.prototype.query;
  try {
    for (let k = 0; k < clients; k++) {
      const member = members[k]!;
      const store = env.acquirer.stores[k % env.acquirer.stores.length]!;
      const caller: Claims = { role: 'TERMINAL', subject: `replay-${k}`, merchantId: env.acquirer.id, storeId: store.id };
      const code = await issuePayCode(orm.em.fork(), systemClock, payCodeKey, member.id);
      const statements: RecordedStatement[] = [];
      // Instrumentation, not a stand-in: every statement still goes to PostgreSQL.
      BeginAheadClient.prototype.query = function (this: BeginAheadClient, ...args: unknown[]) {
        const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
        if (typeof first === 'string') statements.push({ text: first, values: Array.isArray(second) ? [...second] : [] });
        else if (first && typeof first === 'object' && 'text' in first) statements.push({ text: first.text, values: [...(first.values ?? [])] });
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      const key = `replay-template-${k}`;
      const result = await checkout(
        { em: orm.em.fork(), clock: systemClock, payCodeKey, caller, hooks: MOVEMENT_HOOKS },
        {
          payCode: code.code,
          storeId: store.id,
          orderAmount: { amount: '1.01' },
          storedValue: { amount: '1.01' },
          idempotencyKey: key,
        },
      );
      BeginAheadClient.prototype.query = original;
      templates.push({ statements, key, transactionId: result.transaction.id, payCodeHash: hashPayCode(code.code, payCodeKey), memberId: member.id });
    }
  } finally {
    BeginAheadClient.prototype.query = original;
    await orm.close();
  }
  return templates;
}

/**
 * Replays the recorded checkouts: `count` transactions over `clients` connections. `prepared`: each statement as a
 * named prepared statement, parsed and planned once per connection, as the hub sends them (lib/bound-parameters.ts);
 * unnamed, to see what parsing and planning every statement afresh costs.
 */
export async function replayCeiling(
  databaseUrl: string,
  templates: CheckoutTemplate[],
  clients: number,
  count: number,
  label: string,
  prepared = false,
): Promise<LoadResult> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  // Fresh, unused pay codes so that each replay consumes one, as a real checkout does.
  await db.query(
    `insert into wallet.pay_code (code_hash, member_id, issued_at, expires_at)
     select $1 || '-' || i, ($2::uuid[])[1 + i % $3], now(), now() + interval '1 hour' from generate_series(0, $4 - 1) i`,
    [
      label,
      `{${templates
        .slice(0, clients)
        .map((t) => t.memberId)
        .join(',')}}`,
      clients,
      count,
    ],
  );
  await db.end();
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      // As the hub sends them: a transaction's BEGIN with its first statement.
      const c = new BeginAheadClient({ connectionString: databaseUrl });
      await c.connect();
      return c;
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const perClient = Math.ceil(count / clients);
  const started = performance.now();
  await Promise.all(
    connections.map(async (connection, k) => {
      const template = templates[k]!;
      for (let n = 0; n < perClient; n++) {
        const i = k + n * clients;
        if (i >= count) break;
        const swap = new Map([
          [template.key, `${template.key}-${label}-${i}`],
          [template.transactionId, randomUUID()],
          [template.payCodeHash, `${label}-${i}`],
        ]);
        const t0 = performance.now();
        try {
          for (const statement of template.statements) {
            // MikroORM inlines most parameters into the text, so both are rewritten.
            const text = substitute(statement.text, swap);
            const values = statement.values.map((v) => (typeof v === 'string' ? substitute(v, swap) : v));
            await connection.query(prepared ? { name: statementName(text), text, values } : { text, values });
          }
          latencies.push(performance.now() - t0);
        } catch (error) {
          errors++;
          firstError ??= (error as Error).message;
          await (connection.query('rollback') as Promise<unknown>).catch(() => {});
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(connections.map((c) => c.end()));
  return summarise(clients, latencies, seconds, errors, firstError);
}

const statementName = (text: string) => `bench_${createHash('sha1').update(text).digest('hex')}`;

function substitute(value: string, swap: Map<string, string>): string {
  let out = value;
  for (const [from, to] of swap) if (out.includes(from)) out = out.split(from).join(to);
  return out;
}

/** pgbench from PATH or Debian's PostgreSQL, if this machine has one. */
export function findPgbench(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v pgbench'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  for (const version of readdirSync(root).sort().reverse()) {
    const candidate = `${root}/${version}/bin/pgbench`;
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export interface PgbenchResult {
  clients: number;
  perSecond: number;
  avgLatencyMs: number;
}

/** TPC-B-like (pgbench's default script) against a database of its own on the same server. */
export function runPgbench(
  binary: string,
  databaseUrl: string,
  clientCounts: number[],
  seconds: number,
  scale: number,
  progress: (line: string) => void,
): PgbenchResult[] {
  const url = new URL(databaseUrl);
  // The host may be a Unix socket's folder (lib/embedded-postgres.ts): pgbench then goes the way the hub does.
  const env = {
    ...process.env,
    PGHOST: decodeURIComponent(url.hostname),
    PGPORT: url.port,
    PGUSER: decodeURIComponent(url.username),
    PGPASSWORD: decodeURIComponent(url.password),
    PGDATABASE: url.pathname.slice(1),
  };
  progress(`  pgbench -i -s ${scale}`);
  execFileSync(binary, ['-i', '-q', '-s', String(scale)], { env, stdio: 'ignore' });
  return clientCounts.map((clients) => {
    const out = execFileSync(binary, ['-n', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds)], { env, encoding: 'utf8' });
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN);
    const latency = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? NaN);
    progress(`  pgbench ${clients} clients: ${tps.toFixed(0)} tps`);
    return { clients, perSecond: tps, avgLatencyMs: latency };
  });
}
