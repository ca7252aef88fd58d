/**
 * A task's window (marketing/tasks/task-window.ts) is written in TypeScript and, for the statement that counts every
 * task of a member at once, in SQL: the two agree on every window, at instants across month, quarter and year ends.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { COALITION_TIME_ZONE } from '../../subgraphs/wallet/ledger/index.js';
import { taskWindowAt, windowStartSql, TASK_WINDOWS } from '../../subgraphs/wallet/marketing/tasks/task-window.js';
import { tierCycleOf } from '../../subgraphs/wallet/programme/index.js';
import { withDatabase } from '../support/ledger.js';

describe("a task's window", () => {
  it('starts where the SQL says it does, for every window and cycle', async () => {
    const instant = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-12-31T23:59:59Z'), noInvalidDate: true });
    const cases = fc.sample(fc.tuple(instant, instant, fc.constantFrom(...TASK_WINDOWS), fc.constantFrom('YEAR', 'QUARTER', 'MONTH' as const)), {
      numRuns: 60,
      seed: 24,
    });
    // Month, quarter and year ends in the coalition's zone, and just before them.
    for (const edge of ['2026-12-31T16:00:00Z', '2026-12-31T15:59:59.999Z', '2027-03-31T16:00:00Z', '2027-01-31T16:00:00Z']) {
      for (const window of TASK_WINDOWS) cases.push([new Date(edge), new Date('2026-06-01T00:00:00Z'), window, 'QUARTER']);
    }
    await withDatabase(inject('databaseServerUrl'), async (client) => {
      for (const [at, activeFrom, window, cycle] of cases) {
        const tierCycle = tierCycleOf(at, cycle, COALITION_TIME_ZONE);
        const expected = taskWindowAt({ window, activeFrom }, at, tierCycle, COALITION_TIME_ZONE).startsAt;
        const part = windowStartSql(at, tierCycle, COALITION_TIME_ZONE);
        // The part's values bound as $n, over one row standing for `wallet.task t`.
        let n = 2;
        const text = part.text.replace(/\?/g, () => `$${++n}`);
        const { rows } = await client.query(`select ${text} as starts from (select $1::text as time_window, $2::timestamptz as active_from) t`, [
          window,
          activeFrom,
          ...part.values,
        ]);
        expect(new Date(rows[0].starts).toISOString(), `${window} ${cycle} at ${at.toISOString()}`).toBe(expected.toISOString());
      }
    });
  });
});
