/**
 * The hub's one source of "now". In production it is the system clock; tests
 * and demos set UNICARD_NOW (an ISO instant) and the clock starts there and
 * advances in real time, so time-outs and expiries still behave.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock set by UNICARD_NOW: it starts there and runs in real time, and its launcher (the tests, through the IPC
 * channel every process started by scripts/processes.ts has) may move it while the process runs, as a restart with a
 * later UNICARD_NOW would, without the restart (followLauncherClock below).
 */
export class SettableClock implements Clock {
  private offset = 0;

  /** `since`: the real instant (epoch ms) at which `at` held; `realNow`: the real clock it runs by. */
  constructor(
    at: Date,
    since: number,
    private readonly realNow: () => number = Date.now,
  ) {
    this.moveTo(at, since);
  }

  now(): Date {
    return new Date(this.realNow() + this.offset);
  }

  moveTo(at: Date, since: number): void {
    this.offset = at.getTime() - since;
  }
}

/** A clock that starts at `start` now and runs in real time (by `realNow`). */
export function clockStartingAt(start: Date, realNow: () => number = Date.now): SettableClock {
  return new SettableClock(start, realNow(), realNow);
}

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const start = env.UNICARD_NOW;
  if (!start) return systemClock;
  const at = new Date(start);
  if (Number.isNaN(at.getTime())) throw new Error(`UNICARD_NOW is not an ISO instant: ${start}`);
  // UNICARD_NOW_SINCE: the real instant (epoch ms) at which UNICARD_NOW held, shared by a hub's processes so their clocks agree.
  const since = Number(env.UNICARD_NOW_SINCE);
  return env.UNICARD_NOW_SINCE && Number.isFinite(since) ? new SettableClock(at, since) : clockStartingAt(at);
}

/** What a launcher sends to move a process's clock, and what the process answers once it has. */
export interface ClockMove {
  type: 'unicard.clock.move';
  now: string;
  since: number;
  /**
   * False: only move the clock, without what a start would do after it. Of a process's replicas only one catches up,
   * so that a move queues the catch-up jobs once (lib/replicas.ts).
   */
  catchUp?: boolean;
}
export interface ClockMoved {
  type: 'unicard.clock.moved';
  now: string;
  /** What went wrong after the move, if anything did. */
  failure?: string;
}

/**
 * Lets the launcher move this process's clock (a clock from UNICARD_NOW only: the system clock never moves). After the
 * move, `afterMove` does what the process does at start for a clock that has jumped (the wallet queues its catch-up
 * jobs); then the process answers, so the launcher knows every process has moved before it sends a request.
 */
export function followLauncherClock(clock: Clock, afterMove: () => Promise<void> = async () => {}): void {
  if (!(clock instanceof SettableClock)) return;
  answerClockMoves((move) => moveClock(clock, move, afterMove));
}

/** Moves `clock` as `move` says, then does what a start would do after it (unless the move says only the clock). */
export async function moveClock(clock: Clock, move: ClockMove, afterMove: () => Promise<void> = async () => {}): Promise<void> {
  if (!(clock instanceof SettableClock)) return;
  clock.moveTo(new Date(move.now), move.since);
  if (move.catchUp !== false) await afterMove();
}

/**
 * Answers the launcher's clock moves through the IPC channel, one answer to each once `apply` has done with it. A
 * process that runs several servers (scripts/hub-in-one-process.ts) answers once for all of them.
 */
export function answerClockMoves(apply: (move: ClockMove) => Promise<void>): void {
  if (typeof process.send !== 'function') return;
  process.on('message', (message: Partial<ClockMove>) => {
    if (message?.type !== 'unicard.clock.move' || typeof message.now !== 'string' || typeof message.since !== 'number') return;
    const now = message.now;
    if (Number.isNaN(new Date(now).getTime())) return;
    void apply({ type: 'unicard.clock.move', now, since: message.since, ...(message.catchUp === false ? { catchUp: false } : {}) }).then(
      () => process.send?.({ type: 'unicard.clock.moved', now } satisfies ClockMoved),
      (error: unknown) =>
        process.send?.({ type: 'unicard.clock.moved', now, failure: error instanceof Error ? error.message : String(error) } satisfies ClockMoved),
    );
  });
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
