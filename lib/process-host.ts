/**
 * Where a server (a subgraph or the gateway) runs, and so who answers for it what a process is told from outside: the
 * signals that stop it, its launcher going away, the launcher's clock moves.
 *
 * - Alone in its process (`aloneInProcess`): production's four processes (`npm start`, a deployment) and the test
 *   hubs whose files stop, kill or restart one process. The server answers for itself.
 * - Beside the others in one process (`SharedProcessHost`, scripts/hub-in-one-process.ts): most test hubs. The host
 *   answers once for all of them, stopping the gateway before the subgraphs, as Hub.stop does with four processes.
 *   docs/decisions.md "A test hub in one process" says why and what it does not test.
 */
import type { Server } from 'node:http';
import { followLauncherClock, moveClock, type Clock, type ClockMove } from './clock.js';
import { drainServer, exitOnSignalsDuringStartup, shutdownOnSignals } from './http.js';
import type { Logger } from './logger.js';

/** A server once it listens: how to stop it gracefully, and its clock. */
export interface HostedServer {
  name: string;
  log: Logger;
  http: Server;
  /** What it holds besides its connections (pools, jobs, relays), released after the last request. */
  release(): Promise<void>;
  clock: Clock;
  /** What the server does after its clock moves, as at a start with that clock (the wallet queues its catch-up jobs). */
  afterClockMove?(): Promise<void>;
}

export interface ProcessHost {
  /** Called as a server starts; returns what to call once it listens (until then a signal ends the process at once). */
  starting(): () => void;
  /** The server listens: from here its host stops it on a signal and moves its clock. */
  serve(server: HostedServer): void;
}

/** Stops a server taking connections, lets its requests in flight finish, then releases what it holds. */
const drain = (server: HostedServer) => drainServer(server.log, server.http, server.release);

/** A process of its own: the server answers its process's signals, lifeline and clock moves itself. */
export const aloneInProcess: ProcessHost = {
  starting: exitOnSignalsDuringStartup,
  serve: (server) => {
    followLauncherClock(server.clock, server.afterClockMove);
    shutdownOnSignals(server.log, () => drain(server));
  },
};

/** Several servers in one process: they are collected here, and the process's own entry stops and moves them all. */
export class SharedProcessHost implements ProcessHost {
  readonly servers: HostedServer[] = [];

  starting(): () => void {
    return () => {}; // the entry ends the whole process on a signal until every server listens
  }

  serve(server: HostedServer): void {
    this.servers.push(server);
  }

  /** The gateway first, so that no request reaches a subgraph that has gone; then the subgraphs together. */
  async stop(): Promise<void> {
    const gateway = this.servers.filter((s) => s.name === 'gateway');
    const subgraphs = this.servers.filter((s) => s.name !== 'gateway');
    await Promise.all(gateway.map(drain));
    await Promise.all(subgraphs.map(drain));
  }

  /** Every server's clock, then what each does after a move; one answer for all (lib/clock.ts answerClockMoves). */
  async moveClocks(move: ClockMove): Promise<void> {
    await Promise.all(this.servers.map((s) => moveClock(s.clock, move, s.afterClockMove)));
  }
}
