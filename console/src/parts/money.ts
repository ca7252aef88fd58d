/**
 * Amounts as the graph sends them: decimal strings in yuan ("1234.50"). The console never turns them into floats:
 * sums are in fen as bigint, and what is shown or exported is the exact decimal.
 */
export function fenOf(amount: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) throw new Error(`not a money amount: ${amount}`);
  const fen = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}

/** Fen back to the graph's decimal form, "-12.30". */
export function decimalOf(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** For people: "¥1,234.50", grouped, exact. */
export function yuan(amount: string): string {
  const [whole, fraction = '00'] = decimalOf(fenOf(amount)).split('.');
  const sign = whole!.startsWith('-') ? '-' : '';
  const digits = whole!.replace('-', '');
  return `${sign}¥${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

export const sumFen = (amounts: string[]) => amounts.reduce((total, amount) => total + fenOf(amount), 0n);

export const percent = (share: number | null | undefined) => (share == null ? '—' : `${(share * 100).toFixed(1)}%`);

export const count = (n: number) => n.toLocaleString('en-US');
