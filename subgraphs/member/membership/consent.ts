/**
 * A member's marketing consent (docs/marketing.md "Consents"): given at registration or
 * in the app, withdrawn any time; no campaign reaches a member without it.
 * The wallet subgraph, which will run campaigns, learns each change from the
 * `member.consent_changed` event, stamped with its instant so that an older
 * change arriving late never overwrites a newer one.
 */
import { executeSql, sql } from '../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../../lib/clock.js';
import { notFound } from '../../../lib/errors.js';
import { recordEvents } from '../../../lib/outbox.js';

export interface ConsentsRecord {
  marketing: boolean;
  /** Null while the member has neither given nor withdrawn it. */
  updatedAt: Date | null;
}

export async function setMarketingConsent(em: EntityManager, clock: Clock, memberId: string, marketing: boolean): Promise<ConsentsRecord> {
  return em.transactional(async (tx) => {
    const now = clock.now();
    // An erased member has no identity left to market to, and cannot give consent.
    const rows: { marketing_consent: boolean; marketing_consent_updated_at: Date }[] = await executeSql(
      tx,
      sql`update member.member set marketing_consent = ${marketing}, marketing_consent_updated_at = ${now} where id = ${memberId} and erased_at is null
       returning marketing_consent, marketing_consent_updated_at`,
    );
    if (!rows[0]) throw notFound('Member');
    await recordEvents(tx, 'member', [{ type: 'member.consent_changed', memberId, marketing, at: now.toISOString() }], clock);
    return { marketing: rows[0].marketing_consent, updatedAt: new Date(rows[0].marketing_consent_updated_at) };
  });
}
