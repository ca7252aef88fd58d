import { randomUUID } from 'node:crypto';
import { EntitySchema, type EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../../lib/clock.js';
import { userInputError } from '../../../lib/errors.js';
import { recordEvents } from '../../../lib/outbox.js';

export type MerchantKind = 'BRAND' | 'ALLY';

export class MerchantRecord {
  id!: string;
  name!: string;
  kind!: MerchantKind;
  createdAt!: Date;
}

export const MerchantEntity = new EntitySchema<MerchantRecord>({
  class: MerchantRecord,
  name: 'Merchant',
  tableName: 'merchant',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text' },
    kind: { type: 'text' },
    createdAt: { type: 'datetime' },
  },
});

export function cleanName(value: string, field: string, max = 100): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (name.length === 0 || name.length > max) throw userInputError(`${field} must be 1 to ${max} characters`, field);
  return name;
}

export async function createMerchant(em: EntityManager, clock: Clock, input: { name: string; kind: MerchantKind }): Promise<MerchantRecord> {
  const merchant = em.create(MerchantEntity, { id: randomUUID(), name: cleanName(input.name, 'name'), kind: input.kind, createdAt: clock.now() });
  await em.transactional(async (tx) => {
    tx.persist(merchant);
    await tx.flush();
    await recordEvents(tx, 'merchant', [{ type: 'merchant.created', merchantId: merchant.id, kind: merchant.kind }], clock);
  });
  return merchant;
}
