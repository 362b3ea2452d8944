import type { Server } from 'node:http';

export interface StopLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface GracefulStopSteps {
  log: StopLogger;
  /** Requests in flight and running jobs get this long; then connections are cut. */
  timeoutMs: number;
  server: Server;
  /** /readyz answers 503 from here on, and every answer closes its connection. */
  beginDraining(): void;
  /** The scheduler and wire polling: nothing new is started. */
  stopTimers(): void;
  /** Resolves when the running jobs have finished (or their own grace ran out). */
  jobs(): Promise<void>;
  /** Stops listening and resolves when every connection has ended (Fastify's close). */
  http(): Promise<void>;
  /** What closes after both, in order, each logged: the change bus, the database. */
  after: readonly (readonly [string, () => Promise<unknown>])[];
}

/** While draining, connections that became idle after their answer are closed this often. */
const IDLE_SWEEP_MS = 100;

/**
 * The stop of `dateline serve` (decision 0028): stop taking connections and say so on /readyz;
 * let requests in flight and running jobs finish, in parallel, for at most `timeoutMs`, then cut
 * the connections left; close what they used. Each step is logged.
 *
 * Keep-alive connections: Node closes the idle ones when the server closes, but a connection
 * whose answer was still being written becomes idle later and would hold the stop open for the
 * whole keep-alive timeout; they are swept as they go idle.
 */
export async function gracefulStop(steps: GracefulStopSteps): Promise<void> {
  const { log, server } = steps;
  const began = Date.now();
  const elapsed = () => ({ ms: Date.now() - began });
  steps.beginDraining();
  log.info({ timeoutMs: steps.timeoutMs }, 'stopping: /readyz answers 503; no new connections; waiting for requests in flight and running jobs');
  steps.stopTimers();
  log.info(elapsed(), 'stopping: the scheduler and wire polling are stopped');
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  let forced = false;
  const force = setTimeout(() => {
    forced = true;
    log.warn(elapsed(), `stopping: still busy after ${steps.timeoutMs} ms; closing the remaining connections`);
    server.closeAllConnections();
  }, steps.timeoutMs);
  try {
    await Promise.all([
      steps.jobs().then(() => log.info(elapsed(), 'stopping: the job worker has finished its running jobs')),
      steps.http().then(() => log.info(elapsed(), forced ? 'stopping: HTTP server closed (connections were cut)' : 'stopping: requests in flight finished; HTTP server closed')),
    ]);
  } finally {
    clearInterval(sweep);
    clearTimeout(force);
  }
  for (const [done, close] of steps.after) {
    await close();
    log.info(elapsed(), `stopping: ${done}`);
  }
  log.info(elapsed(), 'stopped');
}
