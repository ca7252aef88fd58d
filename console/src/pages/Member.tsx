/** One member: identity, tier progress, points, coupons, wallet by issuer and transactions; HQ may freeze the wallet. */
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { graphql } from '../graphql';
import type { ConsoleTransactionFragment, TransactionKind } from '../graphql/graphql';
import { GraphError } from '../graph/client';
import { useSession } from '../graph/session';
import { useAction } from '../graph/use-action';
import { useOperation } from '../graph/use-operation';
import { ErrorNotice, FieldError } from '../parts/ErrorNotice';
import { useI18n } from '../parts/i18n';
import { count, yuan } from '../parts/money';

const MemberOperation = graphql(`
  query ConsoleMember($id: ID!) {
    member(id: $id) {
      id displayName phone birthday registeredAt
      card { number status }
      registeredStore { name }
      joinedMerchants { id name }
      tier { code name }
      tags
      tierProgress { growth nextTier { name } growthToNextTier cycleEndsAt keepsTier }
      points { balance value { amount } nextExpiry { points expiresAt } }
      coupons { id status validUntil template { name } }
      wallet { status balance { amount } balanceByIssuer { issuer { id name } balance { amount } } }
      membershipPlan { plan { name } validUntil }
      benefits { benefit { id name kind } source usesLeftThisMonth nextGrantAt }
      nextTierBenefits { id name kind }
      tasks {
        task { id name kind goal goalAmount { amount } }
        progress
        progressAmount { amount }
        completionsInWindow
        completedAt
        windowEndsAt
      }
      badges { badge { code name } awardedAt }
      transactions(first: 20) { edges { node { ...ConsoleTransaction } } pageInfo { hasNextPage endCursor } }
    }
  }
  fragment ConsoleTransaction on Transaction { id kind occurredAt amount { amount } pointsChange store { name } }
`);

/** The member's older transactions, a page at a time (the page shows 20 first). */
const MoreTransactionsOperation = graphql(`
  query ConsoleMemberTransactions($id: ID!, $after: String) {
    member(id: $id) { id transactions(first: 50, after: $after) { edges { node { ...ConsoleTransaction } } pageInfo { hasNextPage endCursor } } }
  }
`);

/** Kinds that move no stored value: their amount is a dash, not ¥0.00 (a plan is paid for outside the hub). */
const NO_STORED_VALUE: ReadonlySet<TransactionKind> = new Set<TransactionKind>([
  'SIGN_IN',
  'POINTS_EXPIRY',
  'PLAN_PURCHASE',
  'POINTS_EXCHANGE',
  'CAMPAIGN_POINTS',
  'BENEFIT_USE',
  'BENEFIT_POINTS',
]);

const TagOperation = graphql(`mutation ConsoleTagMember($input: TagMembersInput!) { tagMembers(input: $input) { tag { name members } } }`);

const FreezeOperation = graphql(`mutation ConsoleFreezeWallet($memberId: ID!) { freezeWallet(memberId: $memberId) { status } }`);
const UnfreezeOperation = graphql(`mutation ConsoleUnfreezeWallet($memberId: ID!) { unfreezeWallet(memberId: $memberId) { status } }`);

export function Member() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const { session, send } = useSession();
  const { data, error, loading, reload } = useOperation(MemberOperation, { id });
  const action = useAction();
  const { busy, error: actionError } = action;
  const member = data?.member;
  // Older pages of transactions, fetched on request and shown after the first 20.
  const [older, setOlder] = useState<{ rows: ConsoleTransactionFragment[]; hasNextPage: boolean; endCursor: string | null } | null>(null);
  const more = useAction();
  async function loadMore() {
    const after = older ? older.endCursor : member?.transactions.pageInfo.endCursor;
    const page = await more.run(() => send(MoreTransactionsOperation, { id, after: after ?? null }));
    const transactions = page?.member?.transactions;
    if (transactions)
      setOlder({
        rows: [...(older?.rows ?? []), ...transactions.edges.map((e) => e.node)],
        hasNextPage: transactions.pageInfo.hasNextPage,
        endCursor: transactions.pageInfo.endCursor ?? null,
      });
  }
  const transactionRows: ConsoleTransactionFragment[] = member ? [...member.transactions.edges.map((e) => e.node), ...(older?.rows ?? [])] : [];
  const hasMore = older ? older.hasNextPage : member?.transactions.pageInfo.hasNextPage === true;

  async function addTag(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const tag = String(new FormData(event.currentTarget).get('tag')).trim();
    if (await action.run(() => send(TagOperation, { input: { tag, memberIds: [id] } }))) reload();
  }

  async function changeWallet(freeze: boolean) {
    if (freeze && !window.confirm(t('freezeConfirm'))) return;
    const done = await action.run<unknown>(() => (freeze ? send(FreezeOperation, { memberId: id }) : send(UnfreezeOperation, { memberId: id })));
    if (done) reload();
  }

  return (
    <section aria-busy={loading || busy}>
      <ErrorNotice error={error ?? actionError} />
      {loading && <p className="busy">{t('loading')}</p>}
      {data && !member && <ErrorNotice error={new GraphError('NOT_FOUND', 'No such member')} />}
      {member && (
        <>
          <h1 data-testid="member-name">{member.displayName}</h1>
          <div className="figures">
            <div className="figure">
              <span className="label">{t('phone')}</span>
              <span className="value">{member.phone ?? '—'}</span>
            </div>
            <div className="figure">
              <span className="label">{t('cardNumber')}</span>
              <span className="value" data-testid="card-number">
                {member.card.number}
              </span>
            </div>
            <div className="figure">
              <span className="label">{t('tier')}</span>
              <span className="value" data-testid="tier">
                {member.tier.name}
              </span>
            </div>
            <div className="figure">
              <span className="label">{t('growth')}</span>
              <span className="value">
                {count(member.tierProgress.growth)}
                {member.tierProgress.nextTier &&
                  ` · ${t('toNextTier')} ${member.tierProgress.nextTier.name}: ${count(member.tierProgress.growthToNextTier ?? 0)}`}
              </span>
            </div>
            <div className="figure">
              <span className="label">{t('points')}</span>
              <span className="value" data-testid="points">
                {count(member.points.balance)}
              </span>
            </div>
            <div className="figure">
              <span className="label">{t('pointsValue')}</span>
              <span className="value">{yuan(member.points.value.amount)}</span>
            </div>
            <div className="figure">
              <span className="label">{t('paidPlan')}</span>
              <span className="value" data-testid="plan">
                {member.membershipPlan ? `${member.membershipPlan.plan.name} · ${t('until')} ${member.membershipPlan.validUntil.slice(0, 10)}` : '—'}
              </span>
            </div>
            <div className="figure">
              <span className="label">{t('balance')}</span>
              <span className="value" data-testid="balance">
                {yuan(member.wallet.balance.amount)}
              </span>
            </div>
            <div className="figure">
              <span className="label">{t('wallet')}</span>
              <span className="value" data-testid="wallet-status" data-status={member.wallet.status}>
                {t(member.wallet.status === 'FROZEN' ? 'FROZEN' : 'ACTIVE')}
              </span>
            </div>
          </div>
          <form className="inline" onSubmit={addTag} data-testid="tag-form">
            <span data-testid="member-tags">
              {t('tags')}: {member.tags.join('、') || '—'}
            </span>
            <input name="tag" required aria-label={t('addTag')} />
            <button type="submit" disabled={busy}>
              {t('addTag')}
            </button>
            <FieldError error={actionError} field="tag" />
          </form>
          {session?.role === 'HQ' && (
            <div className="toolbar">
              {member.wallet.status === 'FROZEN' ? (
                <button type="button" disabled={busy} onClick={() => changeWallet(false)}>
                  {t('unfreezeWallet')}
                </button>
              ) : (
                <button type="button" className="danger" disabled={busy} onClick={() => changeWallet(true)}>
                  {t('freezeWallet')}
                </button>
              )}
            </div>
          )}
          <div className="columns">
            <div className="panel">
              <h2>{t('byIssuer')}</h2>
              <table data-table="wallet">
                <tbody>
                  {member.wallet.balanceByIssuer.map((b, i) => (
                    <tr key={b.issuer?.id ?? i}>
                      <td>{b.issuer?.name ?? '—'}</td>
                      <td className="num">{yuan(b.balance.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="panel">
              <h2>{t('coupons')}</h2>
              <table data-table="coupons">
                <tbody>
                  {member.coupons.map((c) => (
                    <tr key={c.id}>
                      <td>{c.template.name}</td>
                      <td>{label('CouponStatus', c.status)}</td>
                      <td>{c.validUntil.slice(0, 10)}</td>
                    </tr>
                  ))}
                  {member.coupons.length === 0 && (
                    <tr data-testid="no-coupons">
                      <td>{t('noCoupons')}</td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          </div>
          <div className="columns">
            <div className="panel">
              <h2>{t('heldBenefits')}</h2>
              <table data-table="held-benefits">
                <thead>
                  <tr>
                    <th>{t('benefit')}</th>
                    <th>{t('kind')}</th>
                    <th>{t('source')}</th>
                    <th>{t('usesLeft')}</th>
                    <th>{t('nextGrant')}</th>
                  </tr>
                </thead>
                <tbody>
                  {member.benefits.map((held) => (
                    <tr key={held.benefit.id} data-benefit={held.benefit.id}>
                      <td>{held.benefit.name}</td>
                      <td>{label('BenefitKind', held.benefit.kind)}</td>
                      <td data-cell="source">{label('BenefitSource', held.source)}</td>
                      <td data-cell="uses-left">{held.usesLeftThisMonth ?? '—'}</td>
                      <td>{held.nextGrantAt?.slice(0, 10) ?? '—'}</td>
                    </tr>
                  ))}
                  {member.benefits.length === 0 && (
                    <tr data-testid="no-held-benefits">
                      <td colSpan={5}>{t('noHeldBenefits')}</td>
                    </tr>
                  )}
                </tbody>
              </table>
              {member.nextTierBenefits.length > 0 && (
                <p data-testid="next-tier-benefits">
                  {t('nextTierAdds')}
                  {member.tierProgress.nextTier && ` (${member.tierProgress.nextTier.name})`}: {member.nextTierBenefits.map((b) => b.name).join('、')}
                </p>
              )}
            </div>
            <div className="panel">
              <h2>{t('memberTasks')}</h2>
              <table data-table="member-tasks">
                <thead>
                  <tr>
                    <th>{t('name')}</th>
                    <th>{t('progress')}</th>
                    <th>{t('windowEnds')}</th>
                    <th>{t('completedAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {member.tasks.map((mt) => (
                    <tr key={mt.task.id} data-task={mt.task.id}>
                      <td>{mt.task.name}</td>
                      <td data-cell="progress">
                        {mt.task.goalAmount
                          ? `${yuan(mt.progressAmount?.amount ?? '0')} / ${yuan(mt.task.goalAmount.amount)}`
                          : `${count(mt.progress)} / ${count(mt.task.goal ?? 0)}`}
                      </td>
                      <td>{mt.windowEndsAt?.slice(0, 10) ?? '—'}</td>
                      <td data-cell="completed">{mt.completedAt ? new Date(mt.completedAt).toLocaleString() : '—'}</td>
                    </tr>
                  ))}
                  {member.tasks.length === 0 && (
                    <tr data-testid="no-tasks">
                      <td colSpan={4}>{t('noTasks')}</td>
                    </tr>
                  )}
                </tbody>
              </table>
              <h2>{t('badges')}</h2>
              <ul className="badges" data-testid="badges">
                {member.badges.map((mb) => (
                  <li key={mb.badge.code} data-badge={mb.badge.code} title={`${t('awardedAt')} ${mb.awardedAt.slice(0, 10)}`}>
                    {mb.badge.name}
                  </li>
                ))}
                {member.badges.length === 0 && <li data-testid="no-badges">{t('noBadges')}</li>}
              </ul>
            </div>
          </div>
          <div className="panel">
            <h2>{t('transactions')}</h2>
            <table data-table="transactions">
              <thead>
                <tr>
                  <th>{t('time')}</th>
                  <th>{t('kind')}</th>
                  <th>{t('store')}</th>
                  <th className="num">{t('amount')}</th>
                  <th className="num">{t('points')}</th>
                </tr>
              </thead>
              <tbody>
                {transactionRows.map((tx) => (
                  <tr key={tx.id}>
                    <td>{new Date(tx.occurredAt).toLocaleString()}</td>
                    <td>{label('TransactionKind', tx.kind)}</td>
                    <td>{tx.store?.name ?? t('notAtAStore')}</td>
                    <td className="num">{NO_STORED_VALUE.has(tx.kind) ? '—' : yuan(tx.amount.amount)}</td>
                    <td className="num">{tx.pointsChange}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ErrorNotice error={more.error} />
            {hasMore && (
              <button type="button" data-testid="more-transactions" disabled={more.busy} onClick={() => void loadMore()}>
                {more.busy ? t('loading') : t('moreTransactions')}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
