/** SQL assembled from parts (lib/sql.ts): each value bound where it is written, in order, never into the text. */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/project-root.js';
import { joinSql, sql, trustedSql } from '../../lib/sql.js';
import { sourceFiles } from '../support/source-files.js';

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

  it('is how the hub passes values to PostgreSQL: no statement carries an array of values beside its text', () => {
    // MikroORM's execute(text, values) binds by position; every statement of the hub goes through executeSql instead.
    const beside: string[] = [];
    for (const file of ['lib', 'subgraphs', 'gateway', 'scripts'].flatMap((dir) => sourceFiles(join(PROJECT_ROOT, dir)))) {
      const name = relative(PROJECT_ROOT, file);
      if (name === 'lib/sql.ts') continue; // executeSql itself
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (
          ts.isCallExpression(node) &&
          ts.isPropertyAccessExpression(node.expression) &&
          node.expression.name.text === 'execute' &&
          node.arguments.length > 1
        ) {
          beside.push(`${name}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(beside).toEqual([]);
  });
});
