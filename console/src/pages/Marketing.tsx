/** Tags and the RFM segments a campaign can aim at (HQ: the coalition's; a merchant: its own). */
import { graphql } from '../graphql';
import { useOperation } from '../graph/use-operation';
import { ErrorNotice } from '../parts/ErrorNotice';
import { useI18n } from '../parts/i18n';
import { count, percent, yuan } from '../parts/money';

const MarketingOperation = graphql(`
  query ConsoleMarketing {
    tags { name kind members }
    rfm { asOf windowDays averages { recencyDays frequency monetary { amount } } segments { segment name members share } }
  }
`);

export function Marketing() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useOperation(MarketingOperation, {});
  return (
    <section aria-busy={loading}>
      <h1>{t('marketing')}</h1>
      <ErrorNotice error={error} onRetry={reload} />
      {loading && <p className="busy">{t('loading')}</p>}
      {data && (
        <div className="columns">
          <div className="panel">
            <h2>{t('tags')}</h2>
            <table data-table="tags">
              <thead><tr><th>{t('name')}</th><th>{t('tagKind')}</th><th className="num">{t('membersCount')}</th></tr></thead>
              <tbody>{data.tags.map((tag) => <tr key={tag.name}><td>{tag.name}</td><td>{tag.kind}</td><td className="num">{count(tag.members)}</td></tr>)}</tbody>
            </table>
          </div>
          <div className="panel">
            <h2>{t('segments')} (RFM, {data.rfm.windowDays}d)</h2>
            <p>R {data.rfm.averages.recencyDays.toFixed(1)}d · F {data.rfm.averages.frequency.toFixed(2)} · M {yuan(data.rfm.averages.monetary.amount)}</p>
            <table data-table="rfm">
              <thead><tr><th>{t('rfmSegment')}</th><th className="num">{t('membersCount')}</th><th className="num">{t('share')}</th></tr></thead>
              <tbody>{data.rfm.segments.map((s) => <tr key={s.segment}><td>{s.name}</td><td className="num">{count(s.members)}</td><td className="num">{percent(s.share)}</td></tr>)}</tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
