/**
 * The hub's one source of "now". In production it is the system clock; tests
 * and demos set UNICARD_NOW (an ISO instant) and the clock starts there and
 * advances in real time, so time-outs and expiries still behave.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function clockStartingAt(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow();
  return { now: () => new Date(realNow() + offset) };
}

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const start = env.UNICARD_NOW;
  if (!start) return systemClock;
  const at = new Date(start);
  if (Number.isNaN(at.getTime())) throw new Error(`UNICARD_NOW is not an ISO instant: ${start}`);
  // UNICARD_NOW_SINCE: the real instant (epoch ms) at which UNICARD_NOW held, shared by a hub's processes so their clocks agree.
  const since = Number(env.UNICARD_NOW_SINCE);
  if (env.UNICARD_NOW_SINCE && Number.isFinite(since)) {
    const offset = at.getTime() - since;
    return { now: () => new Date(Date.now() + offset) };
  }
  return clockStartingAt(at);
}

/** A clock that stays where it is put: for seeding history and for domain tests. */
export class FixedClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date): void {
    this.at = at;
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}
