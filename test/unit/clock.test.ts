/**
 * The hub's clock (lib/clock.ts): a clock set by UNICARD_NOW runs in real time from there and moves when its launcher
 * says so, over the IPC channel it started the process with; a process on the system clock ignores such messages.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SettableClock, clockFromEnv, systemClock, type ClockMove } from '../../lib/clock.js';
import { projectPath } from '../../lib/project-root.js';

describe('the clock', () => {
  it('from UNICARD_NOW runs in real time from that instant, and moves to another', () => {
    const since = Date.now();
    const clock = clockFromEnv({ UNICARD_NOW: '2027-01-01T00:00:00Z', UNICARD_NOW_SINCE: String(since) });
    expect(clock).toBeInstanceOf(SettableClock);
    const elapsed = Date.now() - since;
    expect(clock.now().getTime() - Date.parse('2027-01-01T00:00:00Z')).toBeGreaterThanOrEqual(elapsed);
    (clock as SettableClock).moveTo(new Date('2028-02-02T02:00:00Z'), Date.now());
    expect(Math.abs(clock.now().getTime() - Date.parse('2028-02-02T02:00:00Z'))).toBeLessThan(1_000);
    expect(clockFromEnv({})).toBe(systemClock);
    expect(() => clockFromEnv({ UNICARD_NOW: 'next tuesday' })).toThrow(/not an ISO instant/);
  });

  /** A process that follows its launcher's clock as the hub's do (the built lib/clock.js) and, asked, says what time it is. */
  const child = (env: Record<string, string>) =>
    spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
      const { clockFromEnv, followLauncherClock } = await import(${JSON.stringify(pathToFileURL(projectPath('dist/lib/clock.js')).href)});
      const clock = clockFromEnv();
      followLauncherClock(clock);
      process.on('message', (m) => m?.type === 'what-time' && process.send({ type: 'time', now: clock.now().toISOString() }));
    `,
      ],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
    );
  const ask = <T>(launched: ReturnType<typeof child>, message: unknown, type: string, timeoutMs = 5_000) =>
    new Promise<T | 'no answer'>((done) => {
      const timer = setTimeout(() => done('no answer'), timeoutMs);
      launched.on('message', (m: { type?: string }) => {
        if (m?.type !== type) return;
        clearTimeout(timer);
        done(m as T);
      });
      launched.send(message as object);
    });

  it('of a process moves when its launcher says so, and the process says when it has', async () => {
    const launched = child({ UNICARD_NOW: '2027-01-01T00:00:00Z', UNICARD_NOW_SINCE: String(Date.now()) });
    try {
      const move: ClockMove = { type: 'unicard.clock.move', now: '2028-06-01T00:00:00Z', since: Date.now() };
      expect(await ask(launched, move, 'unicard.clock.moved', 20_000)).toEqual({ type: 'unicard.clock.moved', now: move.now });
      const { now } = (await ask<{ now: string }>(launched, { type: 'what-time' }, 'time')) as { now: string };
      expect(Math.abs(Date.parse(now) - Date.parse('2028-06-01T00:00:00Z'))).toBeLessThan(5_000);
    } finally {
      launched.kill();
    }
  });

  it('of a process on the system clock does not move, whatever its launcher sends', async () => {
    const launched = child({});
    try {
      expect(await ask(launched, { type: 'what-time' }, 'time', 20_000)).not.toBe('no answer'); // it is up
      expect(await ask(launched, { type: 'unicard.clock.move', now: '2028-06-01T00:00:00Z', since: Date.now() }, 'unicard.clock.moved', 1_000)).toBe(
        'no answer',
      );
      const { now } = (await ask<{ now: string }>(launched, { type: 'what-time' }, 'time')) as { now: string };
      expect(Math.abs(Date.parse(now) - Date.now())).toBeLessThan(5_000);
    } finally {
      launched.kill();
    }
  });
});
