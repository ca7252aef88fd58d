/**
 * When a test fails, prints what the hubs it used logged while it ran (their warnings and errors, or every line for a
 * hub started with logLevel 'info'): an INTERNAL_SERVER_ERROR in an answer says nothing by design, and the line the
 * process logged with it is the only account of why. Without this, a failure seen once under load could not be read.
 */
import { beforeAll, beforeEach } from 'vitest';
import { hubLogsInUse } from './hub.js';

/** The most lines printed per hub: the end of what it logged during the test. */
const SHOWN = 60;

// A setup file's beforeAll runs before the file's own: the hubs of the worker's previous file are forgotten here.
beforeAll(() => {
  hubLogsInUse.clear();
});

beforeEach(({ onTestFailed }) => {
  const marks = [...hubLogsInUse].map((source) => ({ source, mark: source.written() }));
  onTestFailed(() => {
    for (const { source, mark } of marks) {
      const lines = source.since(mark);
      if (lines.length === 0) continue;
      const shown = lines.slice(-SHOWN);
      console.error(
        [`${source.name} logged ${lines.length} line(s) while the test ran${lines.length > SHOWN ? ` (the last ${SHOWN})` : ''}:`, ...shown].join('\n'),
      );
    }
  });
});
