/** Members, their growth, tiers, the RFM pyramid and the money outstanding, over a date range (a merchant: its own). */
import { useMemo, useState, type FormEvent } from 'react';
import { graphql } from '../graphql';
import { useOperation } from '../graph/use-operation';
import { useSession } from '../graph/session';
import { useAction } from '../graph/use-action';
import { Chart } from '../parts/Chart';
import { DatabaseAsOf } from '../parts/DatabaseAsOf';
import { ErrorNotice } from '../parts/ErrorNotice';
import { useI18n } from '../parts/i18n';
import { count, fenOf, percent, yuan } from '../parts/money';
import { daysBefore, shanghaiTime, today } from '../parts/dates';

const OverviewOperation = graphql(`
  query ConsoleOverview($from: Date!, $to: Date!) {
    analytics(from: $from, to: $to) {
      asOf
      databaseAsOf
      members { total joinedInPeriod activeIn30Days activeIn90Days }
      daily { date newMembers purchases paid { amount } }
      tierDistribution { tier { code name } members }
      penetration { membersShare purchasesShare }
      conversion { registeredToFirstPurchase freeToPaid }
      renewalRate
      repurchaseRate
      storedValueFloat { amount }
      storedValueFloatByIssuer { issuer { id name } balance { amount } }
      pointsLiability { amount }
      taskCompletions
      referrals { invited converted }
    }
  }
`);

// A second request: RFM is the wallet's hourly job's (docs/marketing.md "RFM"), read with the instant it holds for.
const OverviewRfmOperation = graphql(`
  query ConsoleOverviewRfm {
    rfm { asOf databaseAsOf segments { segment name members share } }
  }
`);

// HQ asks for the figures to be computed again now (the analytics job; hourly otherwise).
const RefreshAnalyticsOperation = graphql(`
  mutation ConsoleRefreshAnalytics {
    refreshAnalytics { requestedAt }
  }
`);

// HQ asks for a refresh now; the job answers by moving rfm's asOf to the instant asked or later.
const RefreshRfmOperation = graphql(`
  mutation ConsoleRefreshRfm {
    refreshRfm { requestedAt }
  }
`);

/** How often, and how many times, the page looks for the refresh it asked for before it stops waiting. */
const REFRESH_POLL_MS = 1_000;
const REFRESH_POLLS = 60;

export function Overview() {
  const { t } = useI18n();
  const { session, send } = useSession();
  const refreshing = useAction();
  const [range, setRange] = useState({ from: daysBefore(today(), 89), to: today() });
  const { data, error, loading, reload } = useOperation(OverviewOperation, range);
  const rfmState = useOperation(OverviewRfmOperation, {});
  const a = data?.analytics;
  const rfm = rfmState.data?.rfm;
  // Ask, then read until the figures hold for the instant asked (or stop after a minute, showing what there is): RFM's
  // pyramid; the analytics, whose range, if it has ended, keeps its end as asOf, so the page reads again after a few seconds.
  const refreshThenWait = (ask: () => Promise<string>, asOf: () => Promise<string>, polls: number, done: () => void) =>
    refreshing.run(async () => {
      const requestedAt = Date.parse(await ask());
      for (let i = 0; i < polls; i++) {
        if (Date.parse(await asOf()) >= requestedAt) break;
        await new Promise((resolve) => setTimeout(resolve, REFRESH_POLL_MS));
      }
      done();
      return true;
    });
  const refreshRfm = () =>
    refreshThenWait(
      async () => (await send(RefreshRfmOperation, {})).refreshRfm.requestedAt,
      async () => (await send(OverviewRfmOperation, {})).rfm.asOf,
      REFRESH_POLLS,
      rfmState.reload,
    );
  const refreshAnalytics = () =>
    refreshThenWait(
      async () => (await send(RefreshAnalyticsOperation, {})).refreshAnalytics.requestedAt,
      async () => (await send(OverviewOperation, range)).analytics.asOf,
      range.to < today() ? 3 : REFRESH_POLLS,
      reload,
    );
  const asOfNote = (name: string, text: string, databaseAsOf: string, refresh: () => void) => (
    <p className="note" data-testid={`${name}-as-of`}>
      {text} · <DatabaseAsOf name={name} instant={databaseAsOf} />{' '}
      {session?.role === 'HQ' && (
        <button type="button" className="link" data-testid={`${name}-refresh`} disabled={refreshing.busy} onClick={refresh}>
          {refreshing.busy ? t('rfmRefreshing') : t('rfmRefresh')}
        </button>
      )}
    </p>
  );

  const charts = useMemo(() => {
    if (!data) return null;
    const { analytics } = data;
    return {
      daily: {
        tooltip: { trigger: 'axis' },
        legend: { data: [t('newMembersPerDay'), t('purchasesPerDay')] },
        xAxis: { type: 'category', data: analytics.daily.map((d) => d.date) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: t('newMembersPerDay'), type: 'line', data: analytics.daily.map((d) => d.newMembers) },
          { name: t('purchasesPerDay'), type: 'bar', data: analytics.daily.map((d) => d.purchases) },
        ],
      },
      tiers: {
        tooltip: { trigger: 'item' },
        series: [
          {
            type: 'pie',
            radius: ['40%', '70%'],
            label: { formatter: '{b}: {c}' },
            data: analytics.tierDistribution.map((d) => ({ name: d.tier.name, value: d.members })),
          },
        ],
      },
      rfm: rfm && {
        tooltip: { trigger: 'item' },
        series: [
          {
            type: 'funnel',
            sort: 'ascending',
            label: { formatter: '{b}: {c}' },
            data: rfm.segments.map((s) => ({ name: s.name, value: s.members })),
          },
        ],
      },
      float: {
        tooltip: { trigger: 'axis' },
        grid: { left: 150, right: 100 },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', inverse: true, data: analytics.storedValueFloatByIssuer.map((i) => i.issuer?.name ?? '—') },
        // Yuan as numbers only for the bar lengths; the labels show the exact decimal the graph sent.
        series: [
          {
            type: 'bar',
            data: analytics.storedValueFloatByIssuer.map((i) => ({
              value: Number(fenOf(i.balance.amount)) / 100,
              label: { show: true, position: 'right', formatter: yuan(i.balance.amount) },
            })),
          },
        ],
      },
    };
  }, [data, rfm, t]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setRange({ from: String(form.get('from')), to: String(form.get('to')) });
  }

  return (
    <section aria-busy={loading}>
      <h1>{t('overview')}</h1>
      <form className="inline" onSubmit={submit}>
        <label>
          {t('from')}
          <input type="date" name="from" defaultValue={range.from} required />
        </label>
        <label>
          {t('to')}
          <input type="date" name="to" defaultValue={range.to} required />
        </label>
        <button type="submit">{t('apply')}</button>
      </form>
      <ErrorNotice error={error} onRetry={reload} />
      <ErrorNotice error={rfmState.error} onRetry={rfmState.reload} />
      {loading && <p className="busy">{t('loading')}</p>}
      {a && charts && (
        <>
          <div className="figures">
            <Figure name="members-total" label={t('totalMembers')} value={count(a.members.total)} />
            <Figure name="members-joined" label={t('joinedInPeriod')} value={count(a.members.joinedInPeriod)} />
            <Figure name="active-30" label={t('active30')} value={count(a.members.activeIn30Days)} />
            <Figure name="active-90" label={t('active90')} value={count(a.members.activeIn90Days)} />
            <Figure name="penetration" label={`${t('penetration')} (${t('purchasesShare')})`} value={percent(a.penetration.purchasesShare)} />
            <Figure name="conversion" label={t('firstPurchase')} value={percent(a.conversion.registeredToFirstPurchase)} />
            <Figure name="free-to-paid" label={t('freeToPaid')} value={percent(a.conversion.freeToPaid)} />
            <Figure name="renewal" label={t('renewal')} value={percent(a.renewalRate)} />
            <Figure name="repurchase" label={t('repurchase')} value={percent(a.repurchaseRate)} />
            <Figure name="float" label={t('storedValueFloat')} value={yuan(a.storedValueFloat.amount)} />
            <Figure name="points-liability" label={t('pointsLiability')} value={yuan(a.pointsLiability.amount)} />
            <Figure name="task-completions" label={t('taskCompletions')} value={count(a.taskCompletions)} />
            <Figure name="referrals-invited" label={t('referralsInvited')} value={count(a.referrals.invited)} />
            <Figure name="referrals-converted" label={t('referralsConverted')} value={count(a.referrals.converted)} />
          </div>
          {asOfNote('analytics', t('figuresAsOf', { time: shanghaiTime(a.asOf) }), a.databaseAsOf, () => void refreshAnalytics())}
          <div className="charts">
            <figure>
              <figcaption>
                {t('newMembersPerDay')} / {t('purchasesPerDay')}
              </figcaption>
              <Chart name="daily" option={charts.daily} />
            </figure>
            <figure>
              <figcaption>{t('tierDistribution')}</figcaption>
              <Chart name="tiers" option={charts.tiers} />
            </figure>
            {charts.rfm && (
              <figure>
                <figcaption>{t('rfmPyramid')}</figcaption>
                <Chart name="rfm" option={charts.rfm} />
                {rfm && asOfNote('rfm', t('rfmAsOf', { time: shanghaiTime(rfm.asOf) }), rfm.databaseAsOf, () => void refreshRfm())}
                <ErrorNotice error={refreshing.error} />
                {session?.role !== 'HQ' && (
                  <p className="note" data-testid="rfm-counts">
                    {t('rfmCountsMerchant')}
                  </p>
                )}
              </figure>
            )}
            <figure>
              <figcaption>{t('floatPerIssuer')}</figcaption>
              <Chart name="float" option={charts.float} />
            </figure>
          </div>
        </>
      )}
    </section>
  );
}

function Figure({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <div className="figure" data-figure={name}>
      <span className="label">{label}</span>
      <span className="value">{value}</span>
    </div>
  );
}
