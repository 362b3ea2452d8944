// @ts-check
/**
 * The benchmark's baseline: Node's bare `http` module serving fixed bytes from memory. It is the
 * floor for a cached page in Dateline: no routing, no cache lookup, nothing but writeHead and end.
 *
 *   PORT=8080 HOST=127.0.0.1 node bench/baseline.js <manifest.json>
 *
 * The manifest (written by bench/run.js from Dateline's own responses) maps each path to its
 * headers and to the files holding its plain, gzip and br bodies, relative to the manifest:
 *
 *   { "routes": { "/": { "headers": { "content-type": "…", … },
 *                        "identity": "home.html", "gzip": "home.html.gz", "br": "home.html.br" } } }
 *
 * Accept-Encoding is negotiated simply: br if the header mentions it, else gzip, else identity.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const manifestPath = process.argv[2];
if (!manifestPath) {
  console.error('usage: PORT=<port> node bench/baseline.js <manifest.json>');
  process.exit(2);
}

/** @typedef {{ headers: Record<string, string>, identity: string, gzip: string, br: string }} RouteSpec */
/** @typedef {{ headers: Record<string, string | number>, body: Buffer }} Variant */

/** @type {{ routes: Record<string, RouteSpec> }} */
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const dir = path.dirname(manifestPath);

/**
 * Everything a response needs is prepared once: the body and its complete header object.
 * @type {Map<string, { identity: Variant, gzip: Variant, br: Variant }>}
 */
const routes = new Map();
for (const [url, spec] of Object.entries(manifest.routes)) {
  /** @param {'identity' | 'gzip' | 'br'} encoding */
  const variant = (encoding) => {
    const body = fs.readFileSync(path.join(dir, spec[encoding]));
    /** @type {Record<string, string | number>} */
    const headers = { ...spec.headers };
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    headers['content-length'] = body.length;
    return { headers, body };
  };
  routes.set(url, { identity: variant('identity'), gzip: variant('gzip'), br: variant('br') });
}

const server = http.createServer((req, res) => {
  const route = routes.get(req.url ?? '/');
  if (!route) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
    return;
  }
  const accept = req.headers['accept-encoding'] ?? '';
  const variant = accept.includes('br') ? route.br : accept.includes('gzip') ? route.gzip : route.identity;
  res.writeHead(200, variant.headers);
  res.end(req.method === 'HEAD' ? undefined : variant.body);
});

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST || '127.0.0.1';
server.listen(port, host, () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`baseline listening on http://${host}:${address.port} (${routes.size} routes)`);
});

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
