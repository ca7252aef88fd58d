/**
 * When points expire (DESIGN "Points"): points earned in calendar year N of
 * the coalition time zone are one lot, which expires at the end of year N+1
 * (2026's points at 2028-01-01 00:00 Asia/Shanghai). The lot keeps that
 * instant; the expiry job only compares with it.
 */
import { monthStart, zonedParts } from '../ledger/accounting-period.js';

export interface EarningYear {
  earningYear: number;
  expiresAt: Date;
}

export function earningYearOf(at: Date, timeZone: string): EarningYear {
  const year = zonedParts(at, timeZone).year!;
  return { earningYear: year, expiresAt: monthStart(year + 2, 1, timeZone) };
}
