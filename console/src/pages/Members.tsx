/** Finding a member by phone or card number (HQ: anyone; a merchant: its own members). */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { graphql } from '../graphql';
import { useOperation } from '../graph/use-operation';
import { ErrorNotice, FieldError } from '../parts/ErrorNotice';
import { useI18n } from '../parts/i18n';

const SearchOperation = graphql(`
  query ConsoleMemberSearch($phone: String, $cardNumber: String) {
    memberSearch(phone: $phone, cardNumber: $cardNumber) { id displayName phone card { number status } tier { name } registeredAt }
  }
`);

export function Members() {
  const { t } = useI18n();
  const [search, setSearch] = useState<{ phone?: string; cardNumber?: string } | null>(null);
  const { data, error, loading } = useOperation(SearchOperation, search ?? {}, { skip: search === null });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const by = String(form.get('by'));
    const value = String(form.get('value')).trim();
    setSearch(by === 'phone' ? { phone: value } : { cardNumber: value });
  }

  return (
    <section aria-busy={loading}>
      <h1>{t('members')}</h1>
      <form className="inline" onSubmit={submit}>
        <select name="by" defaultValue="phone" aria-label={t('search')}>
          <option value="phone">{t('phone')}</option>
          <option value="cardNumber">{t('cardNumber')}</option>
        </select>
        <input name="value" required placeholder="138 0013 8000" aria-label={t('findMember')} />
        <button type="submit">{t('findMember')}</button>
        <FieldError error={error} field="phone" />
        <FieldError error={error} field="cardNumber" />
      </form>
      {error?.code !== 'BAD_USER_INPUT' && <ErrorNotice error={error} />}
      {loading && <p className="busy">{t('loading')}</p>}
      {/* While a new search runs, the last one's result is not shown under "loading" as if it were the new one's. */}
      {!loading && data && data.memberSearch.length === 0 && <p data-testid="no-member">{t('noMemberFound')}</p>}
      {!loading && data && data.memberSearch.length > 0 && (
        <table data-table="members">
          <thead>
            <tr>
              <th>{t('name')}</th>
              <th>{t('phone')}</th>
              <th>{t('cardNumber')}</th>
              <th>{t('tier')}</th>
              <th>{t('memberSince')}</th>
            </tr>
          </thead>
          <tbody>
            {data.memberSearch.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`/members/${m.id}`}>{m.displayName}</Link>
                </td>
                <td>{m.phone}</td>
                <td>{m.card.number}</td>
                <td>{m.tier.name}</td>
                <td>{m.registeredAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
