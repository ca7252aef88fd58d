import { money } from '../../../lib/money.js';

/** An optional amount in fen as the API's Money, or null. */
export const optionalMoney = (fen: bigint | null) => (fen === null ? null : money(fen));
