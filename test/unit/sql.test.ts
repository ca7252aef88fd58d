/** SQL assembled from parts (lib/sql.ts): each value bound where it is written, in order, never into the text. */
import { describe, expect, it } from 'vitest';
import { joinSql, sql, trustedSql } from '../../lib/sql.js';

describe('sql', () => {
  it('binds each value where it is written, and a part brings its values along, in order', () => {
    const owner = "o'; drop table wallet.wallet; --";
    const scope = sql`and t.acquirer_id = ${owner}`;
    const conditions = [sql`w.member_id = ${'m1'}`, sql`(select count(*) from t where t.at > ${new Date(0)} ${scope}) >= ${3}`, sql`w.plan = ${true}`];
    const statement = sql`select w.member_id from wallet.wallet w where ${joinSql(conditions, ' and ', sql`true`)} limit ${10}`;
    expect(statement.text).toBe(
      'select w.member_id from wallet.wallet w where w.member_id = ? and (select count(*) from t where t.at > ? and t.acquirer_id = ?) >= ? and w.plan = ? limit ?',
    );
    expect(statement.values).toEqual(['m1', new Date(0), owner, 3, true, 10]);
    expect(statement.text).not.toContain('drop');
  });

  it('joins no parts into what it is told to, and takes text of its own only when asked', () => {
    expect(sql`where ${joinSql([], ' and ', sql`true`)}`).toMatchObject({ text: 'where true', values: [] });
    expect(sql`sum(${trustedSql('(t.amount + t.amount_due)')})`).toMatchObject({ text: 'sum((t.amount + t.amount_due))', values: [] });
    expect(sql`sum(${'(t.amount + t.amount_due)'})`).toMatchObject({ text: 'sum(?)', values: ['(t.amount + t.amount_due)'] });
  });
});
