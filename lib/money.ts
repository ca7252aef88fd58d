/**
 * Money is exact: integer minor units (fen) as bigint everywhere on a money
 * path, and a decimal string ("123.45") at the API edge. No floating point.
 */
import { userInputError } from './errors.js';

export type Fen = bigint;

export const CURRENCY = process.env.UNICARD_CURRENCY ?? 'CNY';

/** Above this a single amount is not a payment but a typo or an attack. */
export const MAX_AMOUNT: Fen = 100_000_000_00n; // ¥100,000,000.00

const DECIMAL = /^(-?)(\d{1,15})(?:\.(\d{1,2}))?$/;

/** "123.4" -> 12340n. Throws BAD_USER_INPUT naming `field` on anything else. */
export function parseDecimal(text: string, field: string): Fen {
  const match = DECIMAL.exec(text.trim());
  if (!match) {
    throw userInputError(`${field} must be a decimal amount with at most two decimals, like "12.50"`, field);
  }
  const [, sign, units, cents = ''] = match;
  const fen = BigInt(units!) * 100n + BigInt(cents.padEnd(2, '0'));
  return sign === '-' ? -fen : fen;
}

export interface MoneyInput {
  amount: string;
  currencyCode?: string | null;
}

/** Parses an API money input that must be positive (or zero when allowed) and sane. */
export function parseAmount(input: MoneyInput | null | undefined, field: string, opts: { allowZero?: boolean } = {}): Fen {
  if (!input) throw userInputError(`${field} is required`, field);
  if (input.currencyCode != null && input.currencyCode !== CURRENCY) {
    throw userInputError(`${field} must be in ${CURRENCY}`, `${field}.currencyCode`);
  }
  const fen = parseDecimal(input.amount, `${field}.amount`);
  if (fen < 0n || (fen === 0n && !opts.allowZero)) {
    throw userInputError(`${field} must be ${opts.allowZero ? 'zero or more' : 'more than zero'}`, `${field}.amount`);
  }
  if (fen > MAX_AMOUNT) throw userInputError(`${field} is larger than any single payment allowed`, `${field}.amount`);
  return fen;
}

/** 12340n -> "123.40" */
export function formatDecimal(fen: Fen): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const units = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${units}.${cents}`;
}

export interface Money {
  amount: string;
  currencyCode: string;
}

export function money(fen: Fen | string | number): Money {
  return { amount: formatDecimal(BigInt(fen)), currencyCode: CURRENCY };
}

/** round(numerator / denominator), halves away from zero, in integers. */
export function divideRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const rounded = (abs * 2n + denominator) / (denominator * 2n);
  return negative ? -rounded : rounded;
}
