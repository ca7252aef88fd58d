/**
 * The HQ and merchant console (issue 12) in a real headless Chromium against a real hub seeded with the demo: sign-in
 * as HQ and as a merchant, the overview's figures and charts, a month run and finalised with the page's figures checked
 * against the graph, CSV exports checked against the graph to the fen, a member found and opened and its wallet
 * frozen, what a merchant may not reach (also by typing URLs), and sessions that expire. Screenshots of the main pages
 * go to UNICARD_SCREENSHOTS (the README's, docs/screenshots/) when it is set.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENUM_LABELS } from '../console/src/parts/enum-labels.js';
import { shanghaiTime } from '../console/src/parts/dates.js';
import { seedDemoIfEmpty, type DemoCredentials } from '../scripts/seed-demo.js';
import { launchBrowser } from './support/browser.js';
import { authenticate, type Credentials } from './support/coalition.js';
import { graphql, ok } from './support/graphql.js';
import { startTestHub, type TestHub } from './support/hub.js';
import { withDatabase } from './support/ledger.js';

let hub: TestHub;
let browser: Browser;
let stateDir: string;
let demo: DemoCredentials;
let hq: Credentials;
let lanshan: Credentials;
const timings: { operation: string; ms: number }[] = [];
const screenshots = process.env.UNICARD_SCREENSHOTS;
/** The demo's coalition with fewer members than `npm start`'s 300: seeding is the file's largest cost. */
const DEMO_MEMBERS = 40;

const consoleUrl = (path = '') => `${hub.hub.consoleUrl}${path.replace(/^\//, '')}`;
const shanghaiDay = (date: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
const daysBefore = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
/** The page's way of writing money (parts/money.ts), to compare what it shows with what the graph sent. */
const yuan = (amount: string) => {
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  return `${amount.startsWith('-') ? '-' : ''}¥${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0')}`;
};

async function query<T = any>(credentials: Credentials, document: string, variables: Record<string, unknown> = {}): Promise<T> {
  return ok(await graphql<T>(hub.gatewayUrl, document, variables, await authenticate(hub.gatewayUrl, credentials)));
}

/** A new browser context (no shared state) signed in through the sign-in page, optionally after opening `path` first. */
async function signedIn(credentials: Credentials, path = ''): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(consoleUrl(path));
  await signInOn(page, credentials);
  return page;
}

async function signInOn(page: Page, credentials: Credentials) {
  await page.waitForURL(/\/console\/sign-in/);
  await page.fill('input[name=clientId]', credentials.clientId);
  await page.fill('input[name=clientSecret]', credentials.clientSecret);
  await page.click('form button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
}

async function collectTimings(page: Page) {
  timings.push(...(await page.evaluate(() => (window as unknown as { unicardTimings?: typeof timings }).unicardTimings ?? [])));
  await page.context().close();
}

const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"] .value`).innerText();

async function csvOf(download: Download): Promise<{ bom: boolean; rows: string[][] }> {
  const text = readFileSync((await download.path())!, 'utf8');
  // The exports have no quoted commas in the demo's names; a field with one would be quoted (parts/csv.ts).
  return {
    bom: text.startsWith('\uFEFF'),
    rows: text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(',')),
  };
}

async function shoot(page: Page, name: string) {
  if (screenshots) await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'unicard-console-'));
  if (screenshots) mkdirSync(screenshots, { recursive: true });
  hub = await startTestHub({
    // The real time, on a clock the session-expiry test can move (lib/clock.ts).
    now: new Date().toISOString(),
    seed: async (databaseUrl, payCodeSecret) => {
      demo = await seedDemoIfEmpty(databaseUrl, pathToFileURL(join(stateDir, 'demo-credentials.json')), {
        payCodeSecret,
        progress: () => {},
        members: DEMO_MEMBERS,
      });
    },
  });
  const client = (label: string) => demo.clients.find((c) => c.label.startsWith(label))!;
  hq = client('Headquarters');
  lanshan = client('蓝山咖啡');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  rmSync(stateDir, { recursive: true, force: true });
  if (timings.length > 0) {
    const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
    const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
    console.log(
      `console: ${timings.length} operations from the pages, p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`,
    );
  }
});

/** Shanghai's wall clock to the minute, for every minute from one instant to another: what a page may show of an instant read between them. */
function minutesFrom(from: string, to: string): string[] {
  const minutes: string[] = [];
  for (let at = Math.floor(Date.parse(from) / 60_000) * 60_000; at <= Date.parse(to); at += 60_000) minutes.push(shanghaiTime(new Date(at).toISOString()));
  return minutes;
}

/** The instant a page shows beside a report as its database's (console/src/parts/DatabaseAsOf.tsx), to the minute. */
const shownDatabaseAsOf = async (page: Page, name: string) =>
  (await page.locator(`[data-testid=${name}-database-as-of]`).innerText()).replace(/^数据库截至 /, '');

/** The graph's instant of the database its reports are read from now (a read replica's, or the answer's own on the primary). */
const databaseNow = async () => (await query(hq, '{ rfm { databaseAsOf } }')).rfm.databaseAsOf as string;

describe('the console in a real browser', () => {
  it("is served by the gateway with strict headers, and HQ's overview shows the graph's figures and charts", async () => {
    const index = await fetch(consoleUrl());
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await fetch(consoleUrl('assets/../../package.json'))).status).toBe(404);

    const readFrom = await databaseNow();
    const page = await signedIn(hq);
    const to = shanghaiDay(new Date());
    // The page's analytical requests first: a caller runs one at a time, and the page and this test are one caller.
    await page.waitForSelector('[data-chart=rfm] svg');
    // One analytical field a request (docs/security.md "Limits on one request"), as the page asks for them.
    const { analytics } = await query(
      hq,
      `query($from: Date!, $to: Date!) {
      analytics(from: $from, to: $to) { members { total joinedInPeriod } storedValueFloat { amount } pointsLiability { amount }
        taskCompletions referrals { invited converted }
        tierDistribution { tier { name } members } storedValueFloatByIssuer { issuer { name } balance { amount } } } }`,
      { from: daysBefore(to, 89), to },
    );
    const { rfm } = await query(hq, '{ rfm { asOf segments { name members } } }');
    await page.waitForSelector('[data-chart=tiers] svg text');
    expect(await figure(page, 'members-total')).toBe(analytics.members.total.toLocaleString('en-US'));
    expect(await figure(page, 'float')).toBe(yuan(analytics.storedValueFloat.amount));
    expect(await figure(page, 'points-liability')).toBe(yuan(analytics.pointsLiability.amount));
    expect(analytics.members.total).toBe(DEMO_MEMBERS);
    // The programme's tasks and referrals over the range (issue 24): the demo's members complete tasks and invite.
    expect(await figure(page, 'task-completions')).toBe(analytics.taskCompletions.toLocaleString('en-US'));
    expect(await figure(page, 'referrals-invited')).toBe(analytics.referrals.invited.toLocaleString('en-US'));
    expect(await figure(page, 'referrals-converted')).toBe(analytics.referrals.converted.toLocaleString('en-US'));
    expect(analytics.taskCompletions).toBeGreaterThan(0);
    expect(analytics.referrals.invited).toBeGreaterThan(0);
    const chartText = async (name: string) => (await page.locator(`[data-chart="${name}"] svg text`).allTextContents()).join('|');
    for (const { tier, members } of analytics.tierDistribution) if (members > 0) expect(await chartText('tiers')).toContain(`${tier.name}: ${members}`);
    for (const { name, members } of rfm.segments) if (members > 0) expect(await chartText('rfm')).toContain(`${name}: ${members}`);
    // The pyramid is the wallet's job's (computed when the demo's hub started): the page says the instant it holds for.
    expect(rfm.segments.some((s: { members: number }) => s.members > 0)).toBe(true);
    expect(await page.locator('[data-testid=rfm-as-of]').innerText()).toContain(shanghaiTime(rfm.asOf));
    // HQ asks for a refresh from the page: the button waits for the job, and the graph's pyramid then holds for later.
    await page.click('[data-testid=rfm-refresh]');
    await page.waitForFunction(() => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid=rfm-refresh]');
      return button !== null && !button.disabled;
    });
    const after = (await query(hq, '{ rfm { asOf } }')).rfm.asOf as string;
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(rfm.asOf));
    expect(await page.locator('[data-testid=rfm-as-of]').innerText()).toContain(shanghaiTime(after));
    // The figures are the analytics job's too: the page says the instant they hold for, and HQ's refresh moves it on.
    const figuresAsOf = async () =>
      (await query(hq, 'query($from: Date!, $to: Date!) { analytics(from: $from, to: $to) { asOf } }', { from: daysBefore(to, 89), to })).analytics
        .asOf as string;
    const shown = await figuresAsOf();
    expect(await page.locator('[data-testid=analytics-as-of]').innerText()).toContain(shanghaiTime(shown));
    await page.click('[data-testid=analytics-refresh]');
    await page.waitForFunction(() => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid=analytics-refresh]');
      return button !== null && !button.disabled;
    });
    const moved = await figuresAsOf();
    expect(Date.parse(moved)).toBeGreaterThan(Date.parse(shown));
    expect(await page.locator('[data-testid=analytics-as-of]').innerText()).toContain(shanghaiTime(moved));
    expect(analytics.storedValueFloatByIssuer.length).toBeGreaterThan(1);
    for (const { balance } of analytics.storedValueFloatByIssuer) expect(await chartText('float')).toContain(yuan(balance.amount));
    // Beside each, the instant of the database it was read from: a read replica's may lag (docs/operations.md "Read replica").
    const readTo = await databaseNow();
    for (const name of ['analytics', 'rfm']) expect(minutesFrom(readFrom, readTo)).toContain(await shownDatabaseAsOf(page, name));
    await shoot(page, 'overview');

    // The English switch, and back.
    await page.click('header button.link');
    await expect(page.locator('header nav').innerText()).resolves.toContain('Settlement');
    await page.click('header button.link');
    await collectTimings(page);
  });

  it('a merchant signs in and sees its own members, not the coalition', async () => {
    const page = await signedIn(lanshan);
    const to = shanghaiDay(new Date());
    // The page's analytical requests first: a caller runs one at a time, and the page and this test are one caller.
    await page.waitForSelector('[data-chart=rfm] svg');
    const { analytics, merchants } = await query(
      lanshan,
      'query($from: Date!, $to: Date!) { merchants { name } analytics(from: $from, to: $to) { members { total } storedValueFloat { amount } } }',
      { from: daysBefore(to, 89), to },
    );
    await page.waitForSelector('[data-figure=members-total]');
    expect(await page.locator('[data-testid=who]').innerText()).toBe(merchants[0].name);
    expect(await figure(page, 'members-total')).toBe(String(analytics.members.total));
    expect(analytics.members.total).toBeLessThan(DEMO_MEMBERS);
    expect(await figure(page, 'float')).toBe(yuan(analytics.storedValueFloat.amount));
    // Why its RFM pyramid may count more people than its members (issue 23: the page did not say).
    expect(await page.locator('[data-testid=rfm-counts]').innerText()).toContain('包括其他商户的会员');
    await expect(page.locator('header nav').innerText()).resolves.not.toContain('会员计划');
    // Signing out forgets the token: the page is the sign-in page, and going back to a page asks to sign in again.
    await page.click('header button:has-text("退出登录")');
    await page.waitForURL(/\/console\/sign-in/);
    await page.waitForSelector('text=您已退出登录');
    await page.goto(consoleUrl('/settlement'));
    await page.waitForURL(/\/console\/sign-in\?next=/);
    await collectTimings(page);
  });

  it("HQ runs last month's settlement and finalises it; the statements, conservation and positions on the page are the graph's", async () => {
    const readFrom = await databaseNow();
    const page = await signedIn(hq, '/settlement');
    expect(page.url()).toMatch(/\/console\/settlement$/);
    await page.click('text=运行结算');
    await page.waitForSelector('[data-testid=run-status][data-status=DRAFT]');
    const { settlement } = await query(
      hq,
      `query($period: String!) { settlement(period: $period) { id status
      totals { hqIncome { amount } commission { amount } pointsCost { amount } pointsCredit { amount } couponDiscountsFundedByHq { amount } pointsIssued pointsRedeemed pointsOutstanding }
      statements { merchant { id } net { amount } commission { amount } } positionPage(first: 1) { totalCount } } }`,
      { period: demo.lastPeriod },
    );
    expect(settlement.status).toBe('DRAFT');
    for (const statement of settlement.statements) {
      const row = page.locator(`[data-table=statements] tr[data-merchant="${statement.merchant.id}"]`);
      expect(await row.locator('[data-column=net]').innerText()).toBe(yuan(statement.net.amount));
      expect(await row.locator('[data-column=commission]').innerText()).toBe(yuan(statement.commission.amount));
    }
    expect(await page.locator('[data-figure=conservation]').getAttribute('data-imbalance')).toBe('0.00');
    expect(await figure(page, 'hq-income')).toBe(yuan(settlement.totals.hqIncome.amount));
    // How HQ's income is made, and the month's points, in the graph's figures (issue 23: the page showed neither).
    const totals = settlement.totals;
    expect(await page.locator('[data-testid=hq-income-made]').innerText()).toBe(
      `总部收入 ${yuan(totals.hqIncome.amount)} = 佣金 ${yuan(totals.commission.amount)} + 积分成本 ${yuan(totals.pointsCost.amount)} − 积分结算 ${yuan(totals.pointsCredit.amount)} − 总部出资的券补贴 ${yuan(totals.couponDiscountsFundedByHq.amount)}`,
    );
    expect(await page.locator('[data-testid=points-totals]').innerText()).toContain(
      `发放 ${Number(totals.pointsIssued).toLocaleString('en-US')}，核销 ${Number(totals.pointsRedeemed).toLocaleString('en-US')}`,
    );
    expect(Number(await page.locator('[data-testid=positions-total]').getAttribute('data-total'))).toBe(settlement.positionPage.totalCount);
    expect(settlement.positionPage.totalCount).toBeGreaterThan(0);
    await page.waitForSelector('[data-chart=positions-heat-map] svg text');
    // Its cells in yuan, with a legend of the scale (issue 23: raw numbers like 13549.56, no legend).
    const heat = await page.locator('[data-chart=positions-heat-map] svg text').allTextContents();
    expect(heat.some((text) => /^¥-?[\d,]+\.\d{2}$/.test(text))).toBe(true);
    expect(heat.filter((text) => /^-?\d+\.\d{2}$/.test(text))).toEqual([]);
    expect(heat).toContain('多');
    expect(minutesFrom(readFrom, await databaseNow())).toContain(await shownDatabaseAsOf(page, 'settlement'));
    await shoot(page, 'settlement');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('button.primary:has-text("确认结算")');
    await page.waitForSelector('[data-testid=run-status][data-status=FINALIZED]');
    expect((await query(hq, 'query($period: String!) { settlement(period: $period) { status } }', { period: demo.lastPeriod })).settlement.status).toBe(
      'FINALIZED',
    );
    await collectTimings(page);
  });

  it("the CSV exports are the graph's statements and positions to the fen, UTF-8 with a BOM", async () => {
    const page = await signedIn(hq, '/settlement');
    await page.waitForSelector('[data-testid=run-status]');
    const { settlement } = await query(
      hq,
      `query($period: String!) { settlement(period: $period) {
      statements { merchant { id name } net { amount } topUps { amount } outstandingFloat { amount } pointsIssued }
      positions { acquirer { id } issuer { id } amount { amount } commission { amount } } } }`,
      { period: demo.lastPeriod },
    );

    const [statements] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-statements]')]);
    const statementCsv = await csvOf(statements);
    expect(statementCsv.bom).toBe(true);
    const header = statementCsv.rows[0]!;
    const column = (row: string[], name: string) => row[header.indexOf(name)];
    expect(statementCsv.rows.length - 1).toBe(settlement.statements.length);
    for (const statement of settlement.statements) {
      const row = statementCsv.rows.find((r) => r[0] === statement.merchant.id)!;
      expect(column(row, 'merchant')).toBe(statement.merchant.name);
      expect(column(row, 'net')).toBe(statement.net.amount);
      expect(column(row, 'topUps')).toBe(statement.topUps.amount);
      expect(column(row, 'outstandingFloat')).toBe(statement.outstandingFloat.amount);
      expect(Number(column(row, 'pointsIssued'))).toBe(Number(statement.pointsIssued));
    }

    const [positions] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-positions]')]);
    const positionCsv = await csvOf(positions);
    expect(positionCsv.bom).toBe(true);
    const exported = positionCsv.rows
      .slice(1)
      .map((r) => `${r[0]}>${r[2]} ${r[4]} ${r[5]}`)
      .sort();
    const expected = settlement.positions.map((p: any) => `${p.acquirer.id}>${p.issuer.id} ${p.amount.amount} ${p.commission.amount}`).sort();
    expect(exported).toEqual(expected);
    await collectTimings(page);
  });

  it('a merchant sees and exports its own statement only', async () => {
    const readFrom = await databaseNow();
    const page = await signedIn(lanshan, '/settlement');
    const { myStatement } = await query(lanshan, 'query($period: String!) { myStatement(period: $period) { merchant { id } net { amount } } }', {
      period: demo.lastPeriod,
    });
    await page.waitForSelector('[data-table=statements] tr[data-merchant]');
    expect(await page.locator('[data-table=statements] tr[data-merchant]').count()).toBe(1);
    expect(await page.locator(`tr[data-merchant="${myStatement.merchant.id}"] [data-column=net]`).innerText()).toBe(yuan(myStatement.net.amount));
    // Whether it is final, and what the sign of its net means (issue 23: the page said neither).
    const status = (await query(lanshan, 'query($period: String!) { myStatement(period: $period) { status } }', { period: demo.lastPeriod })).myStatement
      .status;
    expect(await page.locator('[data-testid=statement-status]').getAttribute('data-status')).toBe(status);
    expect(await page.locator('[data-testid=statement-status]').innerText()).toMatch(status === 'FINALIZED' ? /^已确认/ : /^草稿/);
    expect(minutesFrom(readFrom, await databaseNow())).toContain(await shownDatabaseAsOf(page, 'statement'));
    expect(await page.locator('text=净额为正：总部应付本店；为负：本店应付总部。').count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-statements]')]);
    const csv = await csvOf(download);
    expect(csv.rows.length).toBe(2);
    expect(csv.rows[1]![csv.rows[0]!.indexOf('net')]).toBe(myStatement.net.amount);
    await collectTimings(page);
  });

  /** The member page's benefits, next tier's benefits, tasks with progress and badges against the graph's, row by row. */
  async function memberPanelsAsTheGraph(page: Page, credentials: Credentials, memberId: string) {
    const { member } = await query(
      credentials,
      `query($id: ID!) { member(id: $id) {
        benefits { benefit { id name } source usesLeftThisMonth }
        nextTierBenefits { name }
        tasks { task { id name goal goalAmount { amount } } progress progressAmount { amount } completedAt }
        badges { badge { code name } } } }`,
      { id: memberId },
    );
    await page.waitForSelector('[data-table=member-tasks]');
    const benefitRows = page.locator('[data-table=held-benefits] tbody tr[data-benefit]');
    expect(await benefitRows.count()).toBe(member.benefits.length);
    if (member.benefits.length === 0) await page.waitForSelector('[data-testid=no-held-benefits]');
    for (const held of member.benefits) {
      const row = page.locator(`[data-table=held-benefits] tr[data-benefit="${held.benefit.id}"]`);
      expect(await row.locator('td').first().innerText()).toBe(held.benefit.name);
      expect(await row.locator('[data-cell=source]').innerText()).toBe(ENUM_LABELS.BenefitSource[held.source as 'TIER' | 'PLAN'][0]);
      expect(await row.locator('[data-cell=uses-left]').innerText()).toBe(held.usesLeftThisMonth === null ? '—' : String(held.usesLeftThisMonth));
    }
    const next = page.locator('[data-testid=next-tier-benefits]');
    if (member.nextTierBenefits.length === 0) expect(await next.count()).toBe(0);
    else for (const b of member.nextTierBenefits) expect(await next.innerText()).toContain(b.name);
    expect(await page.locator('[data-table=member-tasks] tbody tr[data-task]').count()).toBe(member.tasks.length);
    for (const mt of member.tasks) {
      const row = page.locator(`[data-table=member-tasks] tr[data-task="${mt.task.id}"]`);
      expect(await row.locator('td').first().innerText()).toBe(mt.task.name);
      expect(await row.locator('[data-cell=progress]').innerText()).toBe(
        mt.task.goalAmount ? `${yuan(mt.progressAmount?.amount ?? '0')} / ${yuan(mt.task.goalAmount.amount)}` : `${mt.progress} / ${mt.task.goal ?? 0}`,
      );
      expect((await row.locator('[data-cell=completed]').innerText()) === '—').toBe(mt.completedAt === null);
    }
    expect(await page.locator('[data-testid=badges] li[data-badge]').allInnerTexts()).toEqual(
      member.badges.map((b: { badge: { name: string } }) => b.badge.name),
    );
    return member;
  }

  it("HQ finds a member by phone, opens its page with the graph's figures, and freezes its wallet", async () => {
    const [member] = await withDatabase(
      hub.databaseUrl,
      async (db) => (await db.query(`select m.id, m.phone from member.member m where m.phone is not null order by m.registered_at limit 1`)).rows,
    );
    const page = await signedIn(hq, '/members');
    await page.fill('input[name=value]', member.phone.replace('+86', ''));
    await page.click('form button[type=submit]');
    await page.waitForSelector(`[data-table=members] a[href$="/members/${member.id}"]`);
    // A second search held back by the network: while it runs, the first one's result is not shown (issue 23).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('ConsoleMemberSearch')) await held;
      await route.continue();
    });
    await page.fill('input[name=value]', '13900000000');
    await page.click('form button[type=submit]');
    await page.waitForSelector('section[aria-busy=true] p.busy');
    expect(await page.locator('[data-table=members]').count()).toBe(0);
    release();
    await page.waitForSelector('[data-testid=no-member]');
    await page.unroute('**/graphql');
    await page.fill('input[name=value]', member.phone.replace('+86', ''));
    await page.click('form button[type=submit]');
    await page.click(`[data-table=members] a[href$="/members/${member.id}"]`);
    const { member: expected } = await query(
      hq,
      'query($id: ID!) { member(id: $id) { card { number } tier { name } points { balance } wallet { balance { amount } status } } }',
      { id: member.id },
    );
    await page.waitForSelector('[data-testid=card-number]');
    expect(await page.locator('[data-testid=card-number]').innerText()).toBe(expected.card.number);
    expect(await page.locator('[data-testid=tier]').innerText()).toBe(expected.tier.name);
    expect(await page.locator('[data-testid=balance]').innerText()).toBe(yuan(expected.wallet.balance.amount));
    expect(await page.locator('[data-testid=points]').innerText()).toBe(Number(expected.points.balance).toLocaleString('en-US'));
    await memberPanelsAsTheGraph(page, hq, member.id);
    await shoot(page, 'member');
    // Its transactions in words, not the graph's codes (issue 23: TOP_UP, CHECKOUT ... were shown as they are).
    await page.waitForSelector('[data-table=transactions] tbody tr');
    const kinds = await page.locator('[data-table=transactions] tbody tr td:nth-child(2)').allInnerTexts();
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.filter((kind) => /^[A-Z_]+$/.test(kind))).toEqual([]);
    // Its paid plan, its coupons (or a word that it has none), and its older transactions on request (issue 23).
    const { member: more } = await query(
      hq,
      'query($id: ID!) { member(id: $id) { membershipPlan { plan { name } validUntil } coupons { id } transactions(first: 100) { edges { node { id } } } } }',
      { id: member.id },
    );
    const plan = await page.locator('[data-testid=plan]').innerText();
    expect(plan).toBe(more.membershipPlan ? `${more.membershipPlan.plan.name} · 至 ${more.membershipPlan.validUntil.slice(0, 10)}` : '—');
    if (more.coupons.length === 0) await page.waitForSelector('[data-testid=no-coupons]');
    else expect(await page.locator('[data-table=coupons] tbody tr').count()).toBe(more.coupons.length);
    const total = more.transactions.edges.length;
    expect(kinds.length).toBe(Math.min(20, total));
    if (total > 20) {
      await page.click('[data-testid=more-transactions]');
      await page.waitForFunction((n) => document.querySelectorAll('[data-table=transactions] tbody tr').length === n, Math.min(70, total));
    } else {
      expect(await page.locator('[data-testid=more-transactions]').count()).toBe(0);
    }

    await page.fill('[data-testid=tag-form] input[name=tag]', '重点关怀');
    await page.click('[data-testid=tag-form] button');
    await page.waitForSelector('[data-testid=member-tags]:has-text("重点关怀")');
    expect((await query(hq, 'query($id: ID!) { member(id: $id) { tags } }', { id: member.id })).member.tags).toContain('重点关怀');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('button.danger');
    await page.waitForSelector('[data-testid=wallet-status][data-status=FROZEN]');
    expect((await query(hq, 'query($id: ID!) { member(id: $id) { wallet { status } } }', { id: member.id })).member.wallet.status).toBe('FROZEN');
    await page.click('text=解冻钱包');
    await page.waitForSelector('[data-testid=wallet-status][data-status=ACTIVE]');
    await collectTimings(page);
  });

  it("a merchant cannot reach HQ's pages or another merchant's members, also by typing their URLs", async () => {
    const { merchants } = await query(lanshan, '{ merchants { id } }');
    const [stranger] = await withDatabase(
      hub.databaseUrl,
      async (db) =>
        (
          await db.query(
            `select m.id, m.phone from member.member m where m.phone is not null
       and not exists (select 1 from member.membership s where s.member_id = m.id and s.merchant_id = $1) limit 1`,
            [merchants[0].id],
          )
        ).rows,
    );
    expect(stranger).toBeDefined();

    const page = await signedIn(lanshan, '/programme');
    expect(page.url()).toMatch(/\/console\/programme$/);
    expect(await page.locator('[role=alert][data-code=FORBIDDEN]').count()).toBe(1);
    expect(await page.locator('[data-table=tiers]').count()).toBe(0);

    await page.goto(consoleUrl(`/members/${stranger.id}`));
    await signInOn(page, lanshan);
    await page.waitForSelector('[role=alert][data-code=FORBIDDEN]');
    expect(await page.locator('[data-testid=member-name]').count()).toBe(0);

    await page.click('header nav a[href$="/members"]');
    await page.fill('input[name=value]', stranger.phone.replace('+86', ''));
    await page.click('form button[type=submit]');
    await page.waitForSelector('[data-testid=no-member]');
    await collectTimings(page);
  });

  it("HQ and a merchant read each benefit's usage and cost, each tier's benefit cost and the tasks, as the graph counts them", async () => {
    /** What the page shows for a month against the graph's answer to the same caller, row by row. */
    const sameAsTheGraph = async (page: Page, credentials: Credentials, month: string) => {
      // The page's own request first: the graph runs one analytical request per caller at a time (RATE_LIMITED).
      await page.waitForSelector('[aria-busy=false] [data-table=tasks]');
      const graph = await query(
        credentials,
        `query($month: String!) {
          benefitUsage(month: $month) { benefit { id name owner { name } } entitled users uses usageRateBps cost { amount } budget { amount } budgetUsed { amount } }
          tierBenefitCost(month: $month) { tier { code } benefitCost { amount } paid { amount } costRateBps databaseAsOf }
          tasks { id name completions members pointsGranted growthGranted }
          benefits { id tiers { code } plans { code } }
          programme { tiers { code } plans { code } } }`,
        { month },
      );
      const cell = (row: string, name: string) => page.locator(`${row} [data-cell="${name}"]`).innerText();
      const bps = (v: number | null) => (v === null ? '—' : `${Math.trunc(v / 100)}.${String(v % 100).padStart(2, '0')}%`);
      expect(await page.locator('[data-table=benefit-usage] tbody tr').count()).toBe(graph.benefitUsage.length);
      for (const u of graph.benefitUsage) {
        const row = `[data-table=benefit-usage] tr[data-benefit="${u.benefit.id}"]`;
        expect(await page.locator(row).locator('td').first().innerText()).toBe(u.benefit.name);
        expect(await cell(row, 'entitled')).toBe(u.entitled.toLocaleString('en-US'));
        expect(await cell(row, 'uses')).toBe(u.uses.toLocaleString('en-US'));
        expect(await cell(row, 'users')).toBe(u.users.toLocaleString('en-US'));
        expect(await cell(row, 'usage-rate')).toBe(bps(u.usageRateBps));
        expect(await cell(row, 'cost')).toBe(yuan(u.cost.amount));
        expect(await cell(row, 'budget-used')).toBe(yuan(u.budgetUsed.amount) + (u.budget ? ` / ${yuan(u.budget.amount)}` : ''));
      }
      for (const c of graph.tierBenefitCost) {
        const row = `[data-table=tier-benefit-cost] tr[data-tier="${c.tier.code}"]`;
        expect(await cell(row, 'benefit-cost')).toBe(yuan(c.benefitCost.amount));
        expect(await cell(row, 'paid')).toBe(yuan(c.paid.amount));
        expect(await cell(row, 'cost-rate')).toBe(bps(c.costRateBps));
      }
      // The page read its database a moment before this request did.
      const graphRead = graph.tierBenefitCost[0].databaseAsOf as string;
      expect(minutesFrom(new Date(Date.parse(graphRead) - 60_000).toISOString(), graphRead)).toContain(await shownDatabaseAsOf(page, 'tier-benefit-cost'));
      expect(await page.locator('[data-table=tasks] tbody tr').count()).toBe(graph.tasks.length);
      for (const task of graph.tasks) {
        const row = `[data-table=tasks] tr[data-task="${task.id}"]`;
        expect(await page.locator(row).count()).toBe(1);
        expect(await cell(row, 'completions')).toBe(task.completions.toLocaleString('en-US'));
        expect(await cell(row, 'members')).toBe(task.members.toLocaleString('en-US'));
        expect(await cell(row, 'points')).toBe(Number(task.pointsGranted).toLocaleString('en-US'));
        expect(await cell(row, 'growth')).toBe(task.growthGranted.toLocaleString('en-US'));
      }
      // Tiers × benefits: a tick where the graph says a tier or a plan carries the benefit, and nowhere else.
      expect(await page.locator('[data-table=benefit-matrix] tbody tr').count()).toBe(graph.benefits.length);
      for (const b of graph.benefits) {
        const row = `[data-table=benefit-matrix] tr[data-benefit="${b.id}"]`;
        for (const tier of graph.programme.tiers)
          expect(await cell(row, `tier:${tier.code}`)).toBe(b.tiers.some((x: { code: string }) => x.code === tier.code) ? '✓' : '');
        for (const plan of graph.programme.plans)
          expect(await cell(row, `plan:${plan.code}`)).toBe(b.plans.some((x: { code: string }) => x.code === plan.code) ? '✓' : '');
      }
      // The cost chart: a bar per benefit, labelled with its exact cost.
      if (graph.benefitUsage.length > 0) {
        const chart = await page.locator('[data-chart=benefit-cost]').innerText();
        for (const u of graph.benefitUsage) expect(chart).toContain(yuan(u.cost.amount));
      }
      return graph;
    };
    const month = shanghaiDay(new Date()).slice(0, 7);
    const [year, monthNumber] = month.split('-').map(Number) as [number, number];
    const previous = monthNumber === 1 ? `${year - 1}-12` : `${year}-${String(monthNumber - 1).padStart(2, '0')}`;

    const page = await signedIn(hq, '/benefits');
    const thisMonth = await sameAsTheGraph(page, hq, month);
    // The month picker: last month's figures, the page's and the graph's.
    await page.fill('input[name=month]', previous);
    await page.click('form:has(input[name=month]) button[type=submit]');
    await page.waitForSelector('[aria-busy=false] [data-table=tasks]');
    const lastMonth = await sameAsTheGraph(page, hq, previous);
    // The demo gives member discounts and free parking every month: some benefit was used and cost something.
    const used = [...thisMonth.benefitUsage, ...lastMonth.benefitUsage].filter((u: { uses: number }) => u.uses > 0);
    expect(used.length).toBeGreaterThan(0);
    expect(thisMonth.tasks.length).toBeGreaterThan(1);
    // The demo's ladder carries benefits: some tick in the matrix, and some task completed.
    expect(thisMonth.benefits.some((b: { tiers: unknown[]; plans: unknown[] }) => b.tiers.length + b.plans.length > 0)).toBe(true);
    expect(thisMonth.tasks.some((task: { completions: number }) => task.completions > 0)).toBe(true);
    await shoot(page, 'benefits');
    await collectTimings(page);

    // A merchant: its own benefits and those of HQ's it takes part in, its own tasks; fewer than HQ's.
    const merchantPage = await signedIn(lanshan, '/benefits');
    const its = await sameAsTheGraph(merchantPage, lanshan, month);
    expect(its.tasks.length).toBeLessThan(thisMonth.tasks.length);
    expect(its.tasks.length).toBeGreaterThan(0);
    await collectTimings(merchantPage);

    // A member above the first tier holding a badge, on its page: what it holds, its tasks' progress and its badges, for
    // HQ, and for a merchant it joined (that merchant's own tasks only, the graph decides).
    const [holder] = await withDatabase(
      hub.databaseUrl,
      async (db) =>
        (
          await db.query(
            `select w.member_id as id
             from wallet.wallet w join member.member m on m.id = w.member_id
             where w.tier_rank >= 1 and exists (select 1 from wallet.member_badge b where b.member_id = w.member_id)
               and exists (select 1 from wallet.membership s join merchant.merchant x on x.id = s.merchant_id
                           where s.member_id = w.member_id and x.name like $1)
             order by w.tier_rank desc, m.registered_at limit 1`,
            ['蓝山咖啡%'],
          )
        ).rows,
    );
    expect(holder, 'the demo has a member above the first tier with a badge who joined 蓝山').toBeDefined();
    const memberPage = await signedIn(hq, `/members/${holder.id}`);
    const held = await memberPanelsAsTheGraph(memberPage, hq, holder.id);
    expect(held.benefits.length).toBeGreaterThan(0);
    expect(held.badges.length).toBeGreaterThan(0);
    await shoot(memberPage, 'member-benefits');
    await collectTimings(memberPage);
    const itsMemberPage = await signedIn(lanshan, `/members/${holder.id}`);
    const seenByMerchant = await memberPanelsAsTheGraph(itsMemberPage, lanshan, holder.id);
    expect(seenByMerchant.tasks.length).toBeLessThanOrEqual(held.tasks.length);
    await collectTimings(itsMemberPage);
  });

  it("HQ creates a service benefit for 金卡 on the benefits page, sees the graph's message beside a missing field, the tick in the matrix, edits its tiers and budget, and retires it", async () => {
    const page = await signedIn(hq, '/benefits');
    await page.waitForSelector('[aria-busy=false] [data-table=benefit-matrix]');
    const form = page.locator('[data-testid=create-benefit]');
    const name = `免费洗车${Date.now() % 100000}`;
    await form.locator('input[name=name]').fill(name);
    await form.locator('select[name=kind]').selectOption('SERVICE');
    await form.locator('select[name=tiers]').selectOption(['GOLD']);
    await form.locator('select[name=acceptedBy]').selectOption({ index: 0 });
    await form.locator('input[name=costPerUse]').fill('5.00');
    // No uses a month: the graph refuses, and says so beside that field; nothing is created.
    await form.locator('button[type=submit]').click();
    await form.locator('.field-error[data-field=usesPerMonth]').waitFor();
    const findIt = async () =>
      (
        await query<{ benefits: { id: string; name: string; active: boolean; tiers: { code: string }[] }[] }>(
          hq,
          '{ benefits { id name active tiers { code } } }',
        )
      ).benefits.find((b) => b.name === name);
    expect(await findIt()).toBeUndefined();

    await form.locator('input[name=usesPerMonth]').fill('2');
    await form.locator('button[type=submit]').click();
    expect(await form.locator('[data-testid=benefit-created]').innerText()).toContain(name);
    const created = (await findIt())!;
    expect(created).toMatchObject({ active: true, tiers: [{ code: 'GOLD' }] });
    const row = `[data-table=benefit-matrix] tr[data-benefit="${created.id}"]`;
    await page.waitForSelector(row);
    expect(await page.locator(`${row} [data-cell="tier:GOLD"]`).innerText()).toBe('✓');
    expect(await page.locator(`${row} [data-cell="tier:SILVER"]`).innerText()).toBe('');

    // Edited: 银卡 carries it too, with a budget; the matrix and the graph agree.
    await page.click(`${row} button[data-action=edit]`);
    const edit = page.locator(`[data-testid=edit-benefit][data-benefit="${created.id}"]`);
    await edit.locator('select[name=tiers]').selectOption(['SILVER', 'GOLD']);
    await edit.locator('input[name=monthlyBudget]').fill('100.00');
    await edit.locator('button[type=submit]').click();
    await page.waitForSelector(`[data-testid=edit-benefit]`, { state: 'detached' });
    await page.waitForFunction((cell) => document.querySelector(cell)?.textContent === '✓', `${row} [data-cell="tier:SILVER"]`);
    const edited = (
      await query<{ benefits: { id: string; tiers: { code: string }[]; monthlyBudget: { amount: string } | null }[] }>(
        hq,
        '{ benefits { id tiers { code } monthlyBudget { amount } } }',
      )
    ).benefits.find((b) => b.id === created.id)!;
    expect(edited.tiers.map((t) => t.code).sort()).toEqual(['GOLD', 'SILVER']);
    expect(edited.monthlyBudget).toEqual({ amount: '100.00' });

    // Retired: the graph says so, and the row says so; brought back, it is active again.
    await page.click(`${row} button[data-action=retire]`);
    await page.waitForSelector(`${row}.retired button[data-action=revive]`);
    expect((await findIt())!.active).toBe(false);
    await page.click(`${row} button[data-action=revive]`);
    await page.waitForSelector(`${row}:not(.retired) button[data-action=retire]`);
    expect((await findIt())!.active).toBe(true);
  });

  it('HQ creates a monthly purchases task on the benefits page, sees the graph refuse it without its goal, and stops it', async () => {
    const page = await signedIn(hq, '/benefits');
    await page.waitForSelector('[aria-busy=false] [data-table=tasks]');
    const form = page.locator('[data-testid=create-task]');
    const name = `每月三单${Date.now() % 100000}`;
    await form.locator('input[name=name]').fill(name);
    await form.locator('select[name=kind]').selectOption('PURCHASES');
    await form.locator('select[name=window]').selectOption('MONTH');
    await form.locator('input[name="reward.points"]').fill('20');
    const findIt = async () =>
      (
        await query<{ tasks: { id: string; name: string; kind: string; goal: number | null; window: string; active: boolean }[] }>(
          hq,
          '{ tasks { id name kind goal window active } }',
        )
      ).tasks.find((task) => task.name === name);
    // No goal: the graph refuses, with its message beside the goal; nothing is created.
    await form.locator('button[type=submit]').click();
    expect(await form.locator('.field-error[data-field=goal]').innerText()).not.toBe('');
    expect(await findIt()).toBeUndefined();

    await form.locator('input[name=goal]').fill('3');
    await form.locator('button[type=submit]').click();
    expect(await form.locator('[data-testid=task-created]').innerText()).toContain(name);
    const created = (await findIt())!;
    expect(created).toMatchObject({ kind: 'PURCHASES', goal: 3, window: 'MONTH', active: true });
    const row = `[data-table=tasks] tr[data-task="${created.id}"]`;
    await page.waitForSelector(row);
    expect(await page.locator(`${row} td`).first().innerText()).toBe(name);

    await page.click(`${row} button[data-action=retire]`);
    await page.waitForSelector(`${row} button[data-action=revive]`);
    expect((await findIt())!.active).toBe(false);
  });

  it("HQ edits the tier ladder and sees the graph's validation message beside the field", async () => {
    const page = await signedIn(hq, '/programme');
    await page.waitForSelector('[data-table=tiers]');
    await shoot(page, 'programme');
    // Words, not the graph's field names and codes (issue 23: pointsPerYuanBurn, signInGrowth, signInPoints and YEAR
    // were shown as they are).
    const form = await page.locator('[data-testid=programme-form]').innerText();
    expect(form).not.toMatch(/pointsPerYuanBurn|signInGrowth|signInPoints|\bYEAR\b|\bQUARTER\b|\bMONTH\b/);
    expect(form).toContain('每次签到积分');
    await page.fill('input[name="tiers.1.threshold"]', '0');
    await page.click('[data-testid=programme-form] button[type=submit]');
    const message = page.locator('[data-field="tiers.1.threshold"]');
    await message.waitFor();
    expect(await message.innerText()).toContain('thresholds must rise');

    // A merchant's points rate: refused beside its field, then saved, and the graph has it.
    const { merchants } = await query(hq, '{ merchants { id name settlementTerms { pointsPerYuan } } }');
    const merchant = merchants[0];
    const row = page.locator(`[data-table=points-rates] tr[data-merchant="${merchant.id}"]`);
    await row.locator('input[name=pointsPerYuan]').fill('-1');
    await row.locator('button').click();
    await row.locator('[data-field=pointsPerYuan]').waitFor();
    expect(await row.locator('[data-field=pointsPerYuan]').innerText()).toContain('pointsPerYuan');
    const next = merchant.settlementTerms.pointsPerYuan + 1;
    await row.locator('input[name=pointsPerYuan]').fill(String(next));
    await row.locator('button').click();
    await row.locator('[data-testid=terms-saved]').waitFor();
    const after = await query(hq, '{ merchants { id settlementTerms { pointsPerYuan } } }');
    expect(after.merchants.find((m: { id: string }) => m.id === merchant.id).settlementTerms.pointsPerYuan).toBe(next);
    await collectTimings(page);
  });

  it("HQ issues a coupon template to a segment and reads a campaign's results against its control group; a merchant sees its own campaigns", async () => {
    const page = await signedIn(hq, '/marketing');
    await page.waitForSelector('[data-table=coupon-templates] tbody tr');
    const { couponTemplates, campaigns, rfm } = await query(
      hq,
      '{ couponTemplates { id name } campaigns { id name reached heldOut } rfm { segments { segment members } } }',
    );
    expect(await page.locator('[data-table=coupon-templates] tbody tr').count()).toBe(couponTemplates.length);
    expect(await page.locator('[data-table=campaigns] tbody tr').count()).toBe(campaigns.length);
    await shoot(page, 'marketing');
    // Kinds, statuses and triggers in words, not the graph's codes (issue 23).
    const tables = await page.locator('[data-table=coupon-templates], [data-table=campaigns], [data-table=tags]').allInnerTexts();
    expect(tables.join('\n')).not.toMatch(/\b(AMOUNT_OFF|PERCENT_OFF|GIFT|SCHEDULED|ACTIVE|COMPLETED|NOW|REGISTERED|PURCHASE|TIER_UPGRADED|MANUAL|RULE)\b/);
    expect(await page.locator('[data-testid=issue-reach]').innerText()).toContain('只发给同意接收营销信息的会员');

    const template = couponTemplates.find((c: { name: string }) => c.name === '联盟九折') ?? couponTemplates[0];
    const segment = rfm.segments.find((s: { members: number }) => s.members > 0);
    await page.selectOption('[data-testid=issue-form] select[name=templateId]', template.id);
    await page.selectOption('[data-testid=issue-form] select[name=rfmSegments]', [segment.segment]);
    await page.click('[data-testid=issue-form] button[type=submit]');
    const outcome = await page.locator('[data-testid=issued]').innerText();
    const { couponTemplate } = await query(hq, 'query($id: ID!) { couponTemplate(id: $id) { issued } }', { id: template.id });
    await page.waitForFunction(([id, issued]) => document.querySelector(`[data-template="${id}"] [data-column=issued]`)?.textContent === issued, [
      template.id,
      couponTemplate.issued.toLocaleString('en-US'),
    ] as const);
    expect(outcome).toMatch(/已发放 \d+ 张，跳过 \d+ 人/);

    const campaign = campaigns.find((c: { reached: number }) => c.reached > 0) ?? campaigns[0];
    await page.click(`[data-campaign="${campaign.id}"] button`);
    await page.waitForSelector('[data-table=campaign-results] tbody tr');
    const { campaign: results } = await query(hq, 'query($id: ID!) { campaign(id: $id) { results { days reached { members } control { members } } } }', {
      id: campaign.id,
    });
    const cells = await page.locator('[data-table=campaign-results] tbody tr').allInnerTexts();
    expect(cells.length).toBe(results.results.length * 2);
    expect(cells[0]).toContain(String(results.results[0].reached.members));
    expect(cells[1]).toContain(String(results.results[0].control.members));

    // A template: refused beside the field the graph names, then created and listed; a campaign to a segment, created and listed.
    const create = page.locator('[data-testid=create-template]');
    await create.locator('input[name=name]').fill('浏览器满50减5');
    await create.locator('input[name=budget]').fill('-5');
    await create.locator('input[name=amountOff]').fill('5');
    await create.locator('input[name=minOrder]').fill('50');
    await create.locator('button[type=submit]').click();
    await create.locator('[data-field=budget]').waitFor();
    await create.locator('input[name=budget]').fill('100');
    const { merchants } = await query(hq, '{ merchants { id } }');
    await create.locator('select[name=acceptedBy]').selectOption(merchants.map((m: { id: string }) => m.id));
    await create.locator('button[type=submit]').click();
    await create.locator('[data-testid=template-created]').waitFor();
    await page.waitForSelector('[data-table=coupon-templates] td:text-is("浏览器满50减5")');
    const campaignForm = page.locator('[data-testid=create-campaign]');
    await campaignForm.locator('input[name=name]').fill('浏览器通知');
    await campaignForm.locator('select[name=rfmSegments]').selectOption([segment.segment]);
    await campaignForm.locator('select[name=action]').selectOption('NOTIFY');
    await campaignForm.locator('input[name=message]').fill('周末见');
    await campaignForm.locator('button[type=submit]').click();
    await campaignForm.locator('[data-testid=campaign-created]').waitFor();
    await page.waitForSelector('[data-table=campaigns] td:text-is("浏览器通知")');
    const listed = await query(hq, '{ couponTemplates { name } campaigns { name } }');
    expect(listed.couponTemplates.filter((c: { name: string }) => c.name === '浏览器满50减5').length).toBe(1);
    expect(listed.campaigns.filter((c: { name: string }) => c.name === '浏览器通知').length).toBe(1);
    await collectTimings(page);

    const merchantPage = await signedIn(lanshan, '/marketing');
    await merchantPage.waitForSelector('[data-table=campaigns]');
    const own = await query(lanshan, '{ campaigns { id } }');
    expect(await merchantPage.locator('[data-table=campaigns] tbody tr').count()).toBe(own.campaigns.length);
    expect(own.campaigns.length).toBeLessThan(campaigns.length);
    // Who a coupon reaches, and why a segment's count is more than that (issue 23: 26 in a segment reached 1, unexplained).
    expect(await merchantPage.locator('[data-testid=issue-reach]').innerText()).toContain('只发给加入本店、且同意接收营销信息的会员');
    await collectTimings(merchantPage);
  });

  it('an expired session returns to sign-in, by the clock in the page and by the graph refusing the token', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(consoleUrl());
    await signInOn(page, hq);
    await page.clock.fastForward('16:00');
    await page.waitForSelector('[data-testid=expired]');
    expect(page.url()).toContain('/console/sign-in');
    await context.close();

    // The graph's side: the hub's clock moves past the token's expiry while the page still holds it.
    const later = await signedIn(hq, '/members');
    await hub.moveClockTo(new Date(Date.now() + 20 * 60_000).toISOString());
    await later.fill('input[name=value]', '13800138000');
    await later.click('form button[type=submit]');
    await later.waitForSelector('[data-testid=expired]');
    expect(later.url()).toContain(`next=${encodeURIComponent('/members')}`);
    await signInOn(later, hq);
    expect(later.url()).toMatch(/\/console\/members$/);
    await later.context().close();
  });
});
