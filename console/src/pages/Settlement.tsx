/**
 * HQ closes a month: run (or recompute) the period, review the statements, the positions as a heat map and a table
 * a page at a time, check conservation, finalise, export. A merchant sees and exports its own statement.
 */
import { useMemo, useState } from 'react';
import { graphql } from '../graphql';
import type { ConsoleSettlementPositionsQuery, ConsoleSettlementQuery, ConsoleStatementFieldsFragment } from '../graphql/graphql';
import { useSession } from '../graph/session';
import { useAction } from '../graph/use-action';
import { useOperation } from '../graph/use-operation';
import { Chart } from '../parts/Chart';
import { CsvDownload } from '../parts/csv';
import { lastMonth } from '../parts/dates';
import { DatabaseAsOf } from '../parts/DatabaseAsOf';
import { ErrorNotice } from '../parts/ErrorNotice';
import { useI18n } from '../parts/i18n';
import { count, decimalOf, fenOf, sumFen, yuan } from '../parts/money';
import { STATEMENT_COLUMNS, STATEMENT_CSV_HEADER, statementRow } from './statement-columns';

const SettlementOperation = graphql(`
  query ConsoleSettlement($period: String!) {
    settlement(period: $period) {
      id period status computedAt finalizedAt databaseAsOf
      totals { crossRedemptions { amount } commission { amount } topUps { amount } hqIncome { amount } pointsLiability { amount }
        pointsCost { amount } pointsCredit { amount } couponDiscountsFundedByHq { amount } pointsIssued pointsRedeemed pointsOutstanding }
      statements { ...ConsoleStatementFields }
      positionMatrix(top: 15) {
        acquirers { id name }
        issuers { id name }
        cells { acquirer { id } issuer { id } amount { amount } positions }
      }
    }
    merchants { id name }
  }
`);

const PositionsOperation = graphql(`
  query ConsoleSettlementPositions($period: String!, $first: Int!, $after: String, $merchantId: ID) {
    settlement(period: $period) {
      positionPage(first: $first, after: $after, merchantId: $merchantId) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { acquirer { id name } issuer { id name } amount { amount } commission { amount } } }
      }
    }
  }
`);

const RunOperation = graphql(`mutation ConsoleRunSettlement($period: String!) { runSettlement(period: $period) { id status } }`);
const FinalizeOperation = graphql(`mutation ConsoleFinalizeSettlement($id: ID!) { finalizeSettlement(id: $id) { id status finalizedAt } }`);

const MyStatementOperation = graphql(`
  query ConsoleMyStatement($period: String!) { myStatement(period: $period) { status databaseAsOf ...ConsoleStatementFields } }
`);

export function Settlement() {
  const { session } = useSession();
  const { t } = useI18n();
  const [period, setPeriod] = useState(lastMonth());
  return (
    <section>
      <h1>{t('settlement')}</h1>
      <form
        className="inline"
        onSubmit={(event) => {
          event.preventDefault();
          setPeriod(String(new FormData(event.currentTarget).get('period')));
        }}
      >
        <label>
          {t('period')}
          <input name="period" type="month" defaultValue={period} required />
        </label>
        <button type="submit">{t('apply')}</button>
      </form>
      {session?.role === 'HQ' ? <HqSettlement period={period} /> : <MerchantStatement period={period} />}
    </section>
  );
}

function HqSettlement({ period }: { period: string }) {
  const { t } = useI18n();
  const { send } = useSession();
  const { data, error, loading, reload } = useOperation(SettlementOperation, { period });
  const action = useAction();
  const [doing, setDoing] = useState<'running' | 'finalizing'>('running');
  const busy = action.busy ? doing : null;
  const actionError = action.error;
  const run = data?.settlement ?? null;

  async function act(kind: 'running' | 'finalizing', work: () => Promise<unknown>) {
    setDoing(kind);
    if ((await action.run(work)) !== undefined) reload();
  }

  const runSettlement = () => act('running', () => send(RunOperation, { period }));
  const finalize = () => {
    if (run && window.confirm(t('finalizeConfirm', { period }))) void act('finalizing', () => send(FinalizeOperation, { id: run.id }));
  };

  return (
    <div aria-busy={loading || busy !== null}>
      <ErrorNotice error={error ?? actionError} onRetry={error ? reload : undefined} />
      {loading && <p className="busy">{t('loading')}</p>}
      {busy && (
        <p className="busy" role="status">
          {t(busy === 'running' ? 'running' : 'finalizing')}
        </p>
      )}
      {data && !run && (
        <p>
          {t('noRun')}{' '}
          <button type="button" disabled={busy !== null} onClick={runSettlement}>
            {t('runSettlement')}
          </button>
        </p>
      )}
      {run && (
        <>
          <div className="toolbar">
            <span data-testid="run-status" data-status={run.status}>
              {t('status')}: {t(run.status)}
            </span>
            <DatabaseAsOf name="settlement" instant={run.databaseAsOf} />
            {run.status === 'DRAFT' && (
              <button type="button" disabled={busy !== null} onClick={runSettlement}>
                {t('rerunSettlement')}
              </button>
            )}
            {run.status === 'DRAFT' && (
              <button type="button" className="primary" disabled={busy !== null} onClick={finalize}>
                {t('finalize')}
              </button>
            )}
          </div>
          <Totals run={run} />
          <Statements period={period} statements={run.statements} />
          <HeatMap matrix={run.positionMatrix} />
          <PositionsTable period={period} merchants={data!.merchants} />
        </>
      )}
    </div>
  );
}

type Run = NonNullable<ConsoleSettlementQuery['settlement']>;

function Totals({ run }: { run: Run }) {
  const { t } = useI18n();
  const imbalance = sumFen(run.statements.map((s) => s.net.amount)) + fenOf(run.totals.hqIncome.amount);
  return (
    <div className="figures">
      <div className="figure" data-figure="cross-redemptions">
        <span className="label">{t('crossRedemptions')}</span>
        <span className="value">{yuan(run.totals.crossRedemptions.amount)}</span>
      </div>
      <div className="figure" data-figure="commission">
        <span className="label">{t('commission')}</span>
        <span className="value">{yuan(run.totals.commission.amount)}</span>
      </div>
      <div className="figure" data-figure="hq-income">
        <span className="label">{t('hqIncome')}</span>
        <span className="value">{yuan(run.totals.hqIncome.amount)}</span>
      </div>
      <div className={`figure ${imbalance === 0n ? 'ok' : 'bad'}`} data-figure="conservation" data-imbalance={decimalOf(imbalance)}>
        <span className="label">{t('conservation')}</span>
        <span className="value">{imbalance === 0n ? t('conserved') : t('notConserved', { amount: yuan(decimalOf(imbalance)) })}</span>
      </div>
      {/* How HQ's income is made (docs/settlement.md), and the points of the month. */}
      <p className="note" data-testid="hq-income-made">
        {t('hqIncomeMade', {
          income: yuan(run.totals.hqIncome.amount),
          commission: yuan(run.totals.commission.amount),
          pointsCost: yuan(run.totals.pointsCost.amount),
          pointsCredit: yuan(run.totals.pointsCredit.amount),
          coupons: yuan(run.totals.couponDiscountsFundedByHq.amount),
        })}
      </p>
      <p className="note" data-testid="points-totals">
        {t('pointsTotals', {
          issued: count(run.totals.pointsIssued),
          redeemed: count(run.totals.pointsRedeemed),
          outstanding: count(run.totals.pointsOutstanding),
          liability: yuan(run.totals.pointsLiability.amount),
        })}
      </p>
    </div>
  );
}

function Statements({ period, statements, title }: { period: string; statements: ConsoleStatementFieldsFragment[]; title?: string }) {
  const { t } = useI18n();
  const exportCsv = () => {
    const csv = new CsvDownload(STATEMENT_CSV_HEADER);
    csv.add(statements.map(statementRow));
    csv.save(`unicard-statements-${period}.csv`);
  };
  return (
    <div className="panel">
      <div className="toolbar">
        <h2>{title ?? t('statements')}</h2>
        <button type="button" onClick={exportCsv} data-testid="export-statements">
          {t('exportCsv')}
        </button>
      </div>
      <div className="scroll">
        <table data-table="statements">
          <thead>
            <tr>
              <th>{t('merchant')}</th>
              {STATEMENT_COLUMNS.map((c) => (
                <th key={c} className="num">
                  {t(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {statements.map((s) => (
              <tr key={s.merchant.id} data-merchant={s.merchant.id}>
                <td>{s.merchant.name}</td>
                {STATEMENT_COLUMNS.map((c) => (
                  <td key={c} className="num" data-column={c}>
                    {yuan(s[c].amount)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function HeatMap({ matrix }: { matrix: Run['positionMatrix'] }) {
  const { t } = useI18n();
  const option = useMemo(() => {
    // An "others" row or column only when the run has more merchants than the matrix shows.
    const rows = [...matrix.acquirers.map((m) => m.name), ...(matrix.cells.some((c) => !c.acquirer) ? [t('others')] : [])];
    const columns = [...matrix.issuers.map((m) => m.name), ...(matrix.cells.some((c) => !c.issuer) ? [t('others')] : [])];
    const rowOf = new Map(matrix.acquirers.map((m, i) => [m.id, i]));
    const columnOf = new Map(matrix.issuers.map((m, i) => [m.id, i]));
    const cells = matrix.cells.map((c) => [
      c.issuer ? columnOf.get(c.issuer.id)! : columns.length - 1,
      c.acquirer ? rowOf.get(c.acquirer.id)! : rows.length - 1,
      Number(fenOf(c.amount.amount)) / 100,
    ]);
    const max = Math.max(1, ...cells.map((c) => c[2]!));
    // Cells in yuan with separators (¥13,549.56, not 13549.56), a legend of the scale, and room for long names. A cell's
    // value is its fen over 100, so two decimals give back its exact amount.
    const money = (value: number) => yuan(value.toFixed(2));
    return {
      tooltip: { position: 'top', formatter: (p: { value: number[] }) => `${rows[p.value[1]!]} ← ${columns[p.value[0]!]}: ${money(p.value[2]!)}` },
      grid: { left: 10, bottom: 70, top: 30, right: 20, containLabel: true },
      xAxis: {
        type: 'category',
        data: columns,
        name: t('issuer'),
        nameLocation: 'middle',
        nameGap: 50,
        axisLabel: { rotate: 20, width: 220, overflow: 'truncate' },
      },
      yAxis: { type: 'category', data: rows, name: t('acquirer'), inverse: true, axisLabel: { width: 160, overflow: 'truncate' } },
      visualMap: {
        min: 0,
        max,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        show: true,
        itemHeight: 120,
        formatter: (value: number) => money(value),
        text: [t('heatMapMore'), t('heatMapLess')],
      },
      series: [{ type: 'heatmap', data: cells, label: { show: cells.length <= 64, formatter: (p: { value: number[] }) => money(p.value[2]!) } }],
    };
  }, [matrix, t]);
  return (
    <div className="panel">
      <h2>{t('heatMap')}</h2>
      <Chart name="positions-heat-map" option={option} height={Math.max(300, 28 * (matrix.acquirers.length + 1) + 170)} />
    </div>
  );
}

const PAGE_SIZE = 50;

function PositionsTable({ period, merchants }: { period: string; merchants: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const { send } = useSession();
  const [merchantId, setMerchantId] = useState<string | null>(null);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const { data, error, loading, reload } = useOperation(PositionsOperation, { period, first: PAGE_SIZE, after, merchantId });
  const page = data?.settlement?.positionPage;
  const exporting = useAction();
  const [exported, setExported] = useState<{ done: number; total: number } | null>(null);
  const exportError = exporting.error;

  const exportAll = () =>
    exporting.run(async () => {
      const csv = new CsvDownload(['acquirer_id', 'acquirer', 'issuer_id', 'issuer', 'amount', 'commission']);
      let cursor: string | null = null;
      let done = 0;
      try {
        for (;;) {
          const result: ConsoleSettlementPositionsQuery = await send(PositionsOperation, { period, first: 500, after: cursor, merchantId });
          const slice = result.settlement!.positionPage;
          csv.add(slice.edges.map(({ node: p }) => [p.acquirer.id, p.acquirer.name, p.issuer.id, p.issuer.name, p.amount.amount, p.commission.amount]));
          done += slice.edges.length;
          setExported({ done, total: slice.totalCount });
          if (!slice.pageInfo.hasNextPage) break;
          cursor = slice.pageInfo.endCursor;
        }
        csv.save(`unicard-positions-${period}${merchantId ? `-${merchantId}` : ''}.csv`);
      } finally {
        setExported(null);
      }
    });

  return (
    <div className="panel" aria-busy={loading}>
      <div className="toolbar">
        <h2>{t('positions')}</h2>
        <label>
          {t('searchMerchant')}
          <select
            value={merchantId ?? ''}
            onChange={(e) => {
              setMerchantId(e.target.value || null);
              setCursors([null]);
            }}
            data-testid="positions-merchant"
          >
            <option value="">{t('allMerchants')}</option>
            {merchants.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={exportAll} disabled={exporting.busy} data-testid="export-positions">
          {exported ? t('exporting', { done: count(exported.done), total: count(exported.total) }) : t('exportCsv')}
        </button>
      </div>
      <ErrorNotice error={error ?? exportError} onRetry={error ? reload : undefined} />
      {page && (
        <>
          <table data-table="positions">
            <thead>
              <tr>
                <th>{t('acquirer')}</th>
                <th>{t('issuer')}</th>
                <th className="num">{t('amount')}</th>
                <th className="num">{t('commission')}</th>
              </tr>
            </thead>
            <tbody>
              {page.edges.map(({ node: p }) => (
                <tr key={`${p.acquirer.id}-${p.issuer.id}`}>
                  <td>{p.acquirer.name}</td>
                  <td>{p.issuer.name}</td>
                  <td className="num">{yuan(p.amount.amount)}</td>
                  <td className="num">{yuan(p.commission.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
              {t('previous')}
            </button>
            <span data-testid="positions-total" data-total={page.totalCount}>
              {t('pageOf', { total: count(page.totalCount) })}
            </span>
            <button type="button" disabled={!page.pageInfo.hasNextPage} onClick={() => setCursors((c) => [...c, page.pageInfo.endCursor])}>
              {t('next')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

function MerchantStatement({ period }: { period: string }) {
  const { t } = useI18n();
  const { data, error, loading, reload } = useOperation(MyStatementOperation, { period });
  return (
    <div aria-busy={loading}>
      <ErrorNotice error={error} onRetry={reload} />
      {loading && <p className="busy">{t('loading')}</p>}
      {data && !data.myStatement && <p>{t('noRun')}</p>}
      {data?.myStatement && (
        <>
          <p data-testid="statement-status" data-status={data.myStatement.status}>
            {t(data.myStatement.status === 'FINALIZED' ? 'statementFinal' : 'statementDraft')}{' '}
            <DatabaseAsOf name="statement" instant={data.myStatement.databaseAsOf} />
          </p>
          <Statements period={period} statements={[data.myStatement]} title={t('myStatement')} />
          <p className="note">{t('netMeaning')}</p>
        </>
      )}
    </div>
  );
}
