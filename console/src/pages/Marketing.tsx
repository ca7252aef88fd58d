/**
 * Marketing (HQ: the coalition's; a merchant: its own): coupon templates and issuing one to a segment, campaigns and
 * their results against the control group, tags and the RFM segments a campaign or an issue can aim at.
 */
import { useState, type FormEvent } from 'react';
import { graphql } from '../graphql';
import type { RfmSegment } from '../graphql/graphql';
import { useSession } from '../graph/session';
import { useAction } from '../graph/use-action';
import { useOperation } from '../graph/use-operation';
import { ErrorNotice, FieldError } from '../parts/ErrorNotice';
import { useI18n } from '../parts/i18n';
import { count, percent, yuan } from '../parts/money';
import { CreateCampaignForm, CreateTemplateForm } from './marketing-forms';

const MarketingOperation = graphql(`
  query ConsoleMarketing {
    couponTemplates { id name kind owner { id name } issued budget redeemed pointsPrice }
    campaigns { id name status trigger reached heldOut couponsRedeemed pointsGranted runAt }
    tags { name kind members }
    merchants { id name }
    rfm { asOf windowDays averages { recencyDays frequency monetary { amount } } segments { segment name members share } }
  }
`);

const IssueOperation = graphql(`
  mutation ConsoleIssueCoupons($input: IssueCouponsInput!) { issueCoupons(input: $input) { issued skipped template { id issued budget } } }
`);

const ResultsOperation = graphql(`
  query ConsoleCampaignResults($id: ID!) {
    campaign(id: $id) {
      id name reached heldOut
      results { days upliftBps reached { members buyers purchases paid { amount } } control { members buyers purchases paid { amount } } }
    }
  }
`);

export function Marketing() {
  const { t, label } = useI18n();
  const { data, error, loading, reload } = useOperation(MarketingOperation, {});
  const [campaignId, setCampaignId] = useState<string | null>(null);
  return (
    <section aria-busy={loading}>
      <h1>{t('marketing')}</h1>
      <ErrorNotice error={error} onRetry={reload} />
      {loading && <p className="busy">{t('loading')}</p>}
      {data && (
        <>
          <div className="panel">
            <h2>{t('couponTemplates')}</h2>
            <table data-table="coupon-templates">
              <thead>
                <tr>
                  <th>{t('name')}</th>
                  <th>{t('kind')}</th>
                  <th>{t('owner')}</th>
                  <th className="num">{t('issued')}</th>
                  <th className="num">{t('budget')}</th>
                  <th className="num">{t('redeemed')}</th>
                </tr>
              </thead>
              <tbody>
                {data.couponTemplates.map((c) => (
                  <tr key={c.id} data-template={c.id}>
                    <td>{c.name}</td>
                    <td>
                      {label('CouponKind', c.kind)}
                      {c.pointsPrice ? ` · ${c.pointsPrice} ${t('points')}` : ''}
                    </td>
                    <td>{c.owner?.name ?? '总部 HQ'}</td>
                    <td className="num" data-column="issued">
                      {count(c.issued)}
                    </td>
                    <td className="num">{count(c.budget)}</td>
                    <td className="num">{count(c.redeemed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <IssueToSegment templates={data.couponTemplates} segments={data.rfm.segments} tags={data.tags.map((tag) => tag.name)} onIssued={reload} />
            <CreateTemplateForm merchants={data.merchants} onCreated={reload} />
          </div>
          <div className="panel">
            <h2>{t('campaigns')}</h2>
            <table data-table="campaigns">
              <thead>
                <tr>
                  <th>{t('name')}</th>
                  <th>{t('status')}</th>
                  <th>{t('trigger')}</th>
                  <th className="num">{t('reached')}</th>
                  <th className="num">{t('heldOut')}</th>
                  <th className="num">{t('redeemed')}</th>
                  <th className="num">{t('points')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.campaigns.map((c) => (
                  <tr key={c.id} data-campaign={c.id}>
                    <td>{c.name}</td>
                    <td>{label('CampaignStatus', c.status)}</td>
                    <td>{label('CampaignTriggerKind', c.trigger)}</td>
                    <td className="num">{count(c.reached)}</td>
                    <td className="num">{count(c.heldOut)}</td>
                    <td className="num">{count(c.couponsRedeemed)}</td>
                    <td className="num">{count(c.pointsGranted)}</td>
                    <td>
                      <button type="button" className="link" onClick={() => setCampaignId(c.id)}>
                        {t('results')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {campaignId && <CampaignResults id={campaignId} />}
            <CreateCampaignForm templates={data.couponTemplates} segments={data.rfm.segments} tags={data.tags.map((tag) => tag.name)} onCreated={reload} />
          </div>
          <div className="columns">
            <div className="panel">
              <h2>{t('tags')}</h2>
              <table data-table="tags">
                <thead>
                  <tr>
                    <th>{t('name')}</th>
                    <th>{t('tagKind')}</th>
                    <th className="num">{t('membersCount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.tags.map((tag) => (
                    <tr key={tag.name}>
                      <td>{tag.name}</td>
                      <td>{label('TagKind', tag.kind)}</td>
                      <td className="num">{count(tag.members)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="panel">
              <h2>
                {t('segments')} (RFM, {data.rfm.windowDays}d)
              </h2>
              <p>
                R {data.rfm.averages.recencyDays.toFixed(1)}d · F {data.rfm.averages.frequency.toFixed(2)} · M {yuan(data.rfm.averages.monetary.amount)}
              </p>
              <table data-table="rfm">
                <thead>
                  <tr>
                    <th>{t('rfmSegment')}</th>
                    <th className="num">{t('membersCount')}</th>
                    <th className="num">{t('share')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rfm.segments.map((s) => (
                    <tr key={s.segment}>
                      <td>{s.name}</td>
                      <td className="num">{count(s.members)}</td>
                      <td className="num">{percent(s.share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      )}
    </section>
  );
}

/**
 * Issues a template to the members of RFM segments and tags. The idempotency key is made when the form is shown and
 * kept until an issue succeeds, so a double click or a retry after a timeout issues once.
 */
function IssueToSegment({
  templates,
  segments,
  tags,
  onIssued,
}: {
  templates: { id: string; name: string }[];
  segments: { segment: RfmSegment; name: string; members: number }[];
  tags: string[];
  onIssued(): void;
}) {
  const { t } = useI18n();
  const { session, send } = useSession();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const action = useAction();
  const { busy, error: issueError } = action;
  const [outcome, setOutcome] = useState<{ issued: number; skipped: number } | null>(null);

  async function issue(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const rfmSegments = form.getAll('rfmSegments').map(String) as RfmSegment[];
    const chosenTags = form.getAll('tags').map(String);
    setOutcome(null);
    const done = await action.run(() =>
      send(IssueOperation, {
        input: {
          templateId: String(form.get('templateId')),
          audience: { ...(rfmSegments.length ? { rfmSegments } : {}), ...(chosenTags.length ? { tags: chosenTags } : {}) },
          idempotencyKey: key,
        },
      }),
    );
    if (!done) return;
    setOutcome({ issued: done.issueCoupons.issued, skipped: done.issueCoupons.skipped });
    setKey(crypto.randomUUID());
    onIssued();
  }

  return (
    <form className="inline issue" onSubmit={issue} aria-busy={busy} data-testid="issue-form">
      <label>
        {t('issueTemplate')}
        <select name="templateId">
          {templates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('segments')}
        <select name="rfmSegments" multiple size={4}>
          {segments.map((s) => (
            <option key={s.segment} value={s.segment}>
              {s.name} ({s.members})
            </option>
          ))}
        </select>
      </label>
      {tags.length > 0 && (
        <label>
          {t('tags')}
          <select name="tags" multiple size={4}>
            {tags.map((tag) => (
              <option key={tag}>{tag}</option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('issuing') : t('issue')}
      </button>
      <FieldError error={issueError} field="audience" />
      {issueError?.field !== 'audience' && <ErrorNotice error={issueError} />}
      {outcome && (
        <span role="status" data-testid="issued">
          {t('issuedOutcome', { issued: outcome.issued, skipped: outcome.skipped })}
        </span>
      )}
      <p className="note" data-testid="issue-reach">
        {t(session?.role === 'HQ' ? 'issueReachHq' : 'issueReachMerchant')}
      </p>
    </form>
  );
}

function CampaignResults({ id }: { id: string }) {
  const { t } = useI18n();
  const { data, error, loading } = useOperation(ResultsOperation, { id });
  const campaign = data?.campaign;
  return (
    <div aria-busy={loading} data-testid="campaign-results">
      <ErrorNotice error={error} />
      {campaign && (
        <table data-table="campaign-results">
          <thead>
            <tr>
              <th>{campaign.name}</th>
              <th className="num">{t('membersCount')}</th>
              <th className="num">{t('buyers')}</th>
              <th className="num">{t('purchases')}</th>
              <th className="num">{t('paid')}</th>
              <th className="num">{t('uplift')}</th>
            </tr>
          </thead>
          <tbody>
            {campaign.results.flatMap((r) => [
              <tr key={`${r.days}-r`}>
                <td>{t('reachedGroup', { days: r.days })}</td>
                <td className="num">{count(r.reached.members)}</td>
                <td className="num">{count(r.reached.buyers)}</td>
                <td className="num">{count(r.reached.purchases)}</td>
                <td className="num">{yuan(r.reached.paid.amount)}</td>
                <td className="num" rowSpan={2}>
                  {r.upliftBps == null ? '—' : `${(r.upliftBps / 100).toFixed(2)} pp`}
                </td>
              </tr>,
              <tr key={`${r.days}-c`}>
                <td>{t('controlGroup', { days: r.days })}</td>
                <td className="num">{count(r.control.members)}</td>
                <td className="num">{count(r.control.buyers)}</td>
                <td className="num">{count(r.control.purchases)}</td>
                <td className="num">{yuan(r.control.paid.amount)}</td>
              </tr>,
            ])}
          </tbody>
        </table>
      )}
    </div>
  );
}
