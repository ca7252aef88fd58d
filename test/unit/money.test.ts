import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { divideRoundHalfAwayFromZero, formatDecimal, parseAmount, parseDecimal, MAX_AMOUNT } from '../../lib/money.js';

describe('money', () => {
  it('parses decimal strings to exact fen', () => {
    expect(parseDecimal('123.45', 'x')).toBe(12345n);
    expect(parseDecimal('0.1', 'x')).toBe(10n);
    expect(parseDecimal('7', 'x')).toBe(700n);
    expect(parseDecimal('-2.05', 'x')).toBe(-205n);
  });

  it.each(['1.234', 'abc', '1e3', '', '1,00', '0x10', '١٢', '12.', '.5', 'NaN', 'Infinity'])('rejects %j with BAD_USER_INPUT naming the field', (text) => {
    try {
      parseDecimal(text, 'amount');
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: unknown }).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    }
  });

  it('rejects zero, negative, foreign-currency and absurd amounts', () => {
    expect(() => parseAmount({ amount: '0' }, 'amount')).toThrow(/more than zero/);
    expect(() => parseAmount({ amount: '-1' }, 'amount')).toThrow(/more than zero/);
    expect(() => parseAmount({ amount: '1', currencyCode: 'USD' }, 'amount')).toThrow(/CNY/);
    expect(() => parseAmount({ amount: '100000000.01' }, 'amount')).toThrow(/larger/);
    expect(parseAmount({ amount: formatDecimal(MAX_AMOUNT) }, 'amount')).toBe(MAX_AMOUNT);
    expect(parseAmount({ amount: '0' }, 'amount', { allowZero: true })).toBe(0n);
  });

  it('formats and parses back exactly', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (fen) => parseDecimal(formatDecimal(fen), 'x') === fen));
    expect(formatDecimal(5n)).toBe('0.05');
    expect(formatDecimal(-5n)).toBe('-0.05');
  });

  it('rounds halves away from zero', () => {
    expect(divideRoundHalfAwayFromZero(335000n, 10000n)).toBe(34n);
    expect(divideRoundHalfAwayFromZero(-335000n, 10000n)).toBe(-34n);
    expect(divideRoundHalfAwayFromZero(334999n, 10000n)).toBe(33n);
    expect(divideRoundHalfAwayFromZero(-5000n, 10000n)).toBe(-1n);
    expect(divideRoundHalfAwayFromZero(4999n, 10000n)).toBe(0n);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (n, d) => {
        const q = divideRoundHalfAwayFromZero(n, d);
        // |n/d - q| <= 1/2, and exactly 1/2 only when q is the one farther from zero.
        const twice = 2n * (n - q * d);
        const abs = twice < 0n ? -twice : twice;
        return abs <= d && (abs !== d || (q < 0n ? -q : q) * d > (n < 0n ? -n : n));
      }),
    );
  });
});
