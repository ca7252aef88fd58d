/** The hostile operations of issue 9 item 1, built as the attacker built them. */
export const attacks = {
  /** `fragment F1 on Merchant { a1: stores { merchant { ...F0 } } b1: stores { merchant { ...F0 } } }`, doubling up to F10: about 1 KB. */
  fragmentBomb(merchantId: string, levels = 10): string {
    const fragments = ['fragment F0 on Merchant { id name }'];
    for (let i = 1; i <= levels; i++) {
      fragments.push(`fragment F${i} on Merchant { a${i}: stores { merchant { ...F${i - 1} } } b${i}: stores { merchant { ...F${i - 1} } } }`);
    }
    return `${fragments.join('\n')}\n{ merchant(id: "${merchantId}") { ...F${levels} } }`;
  },

  /** `merchant { stores { merchant { stores { ... } } } }`, `levels` store levels deep. */
  deepNesting(merchantId: string, levels: number): string {
    let inner = 'id name';
    for (let i = 0; i < levels; i++) inner = `stores { id merchant { ${inner} } }`;
    return `{ merchant(id: "${merchantId}") { ${inner} } }`;
  },

  /** `count` aliases of `merchant(id) { settlementTerms { commissionBps } }`: one SQL statement each, before. */
  aliases(merchantId: string, count: number): string {
    const fields = Array.from({ length: count }, (_, i) => `m${i}: merchant(id: "${merchantId}") { settlementTerms { commissionBps } }`);
    return `{ ${fields.join(' ')} }`;
  },
};
