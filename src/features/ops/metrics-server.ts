import http from 'node:http';
import { METRICS_CONTENT_TYPE } from './metrics.js';
import type { OpsMonitor } from './ops.service.js';

export interface MetricsServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * /metrics on a port of its own (METRICS_PORT), by default on 127.0.0.1 only: Prometheus scrapes
 * it without a token, and readers never reach it. Nothing else is served there.
 */
export async function startMetricsServer(ops: OpsMonitor, host: string, port: number): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Only /metrics is here.\n');
      return;
    }
    ops.scrape().then(
      (text) => res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : text),
      () => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('The metrics could not be read.\n'),
    );
  });
  // Scrapes are short; an idle Prometheus connection must not hold a stop open.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = server.address() as { port: number };
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
