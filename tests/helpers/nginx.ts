import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { NGINX_PATH, NGINX_PURGE_MODULE } from './environment.js';

const DEPLOY_CONF = path.resolve(import.meta.dirname, '../../deploy/nginx/dateline.conf');

export interface RunningNginx {
  /** Where readers reach it, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Where it takes PURGE requests (FRONT_CACHE_PURGE_URL). */
  purgeUrl: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Two free loopback ports for nginx, chosen before Dateline starts (it must know where to purge). */
export async function nginxPorts(): Promise<{ port: number; purgePort: number }> {
  return { port: await freePort(), purgePort: await freePort() };
}

/**
 * A real nginx running deploy/nginx/dateline.conf, as a normal user would (no root needed): a
 * temporary prefix, loopback ports, the Dateline instance at `upstream` as its only server.
 */
export async function startNginx(upstream: string, ports: { port: number; purgePort: number }, options: { mediaDir?: string } = {}): Promise<RunningNginx> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-nginx-'));
  const conf = fs
    .readFileSync(DEPLOY_CONF, 'utf8')
    .replace('/var/cache/nginx/dateline', path.join(prefix, 'cache'))
    .replace(/server 127\.0\.0\.1:3000;/, `server ${upstream};`)
    .replace(/listen 80;/, `listen 127.0.0.1:${ports.port};`)
    .replace(/listen 127\.0\.0\.1:8081;/, `listen 127.0.0.1:${ports.purgePort};`)
    // The instances' shared media folder (without one, /media/ falls through to the instance).
    .replace('alias /srv/dateline/data/media/;', `alias ${options.mediaDir ?? path.join(prefix, 'no-media')}/;`);
  fs.writeFileSync(path.join(prefix, 'dateline.conf'), conf);
  const temp = (name: string) => path.join(prefix, 'temp', name);
  for (const dir of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(temp(dir), { recursive: true });
  // As root (a container), workers would drop to "nobody" and lose the temporary folder.
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  fs.writeFileSync(
    path.join(prefix, 'nginx.conf'),
    `load_module ${NGINX_PURGE_MODULE};
${user}
worker_processes 1;
error_log ${path.join(prefix, 'error.log')} warn;
pid ${path.join(prefix, 'nginx.pid')};
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  include ${path.join(prefix, 'dateline.conf')};
}
`,
  );
  const child: ChildProcess = spawn(NGINX_PATH, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const url = `http://127.0.0.1:${ports.port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}${fs.existsSync(path.join(prefix, 'error.log')) ? fs.readFileSync(path.join(prefix, 'error.log'), 'utf8') : ''}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(ports.port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not listen within 10 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url,
    purgeUrl: `http://127.0.0.1:${ports.purgePort}`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGQUIT');
        await exited;
      }
      if (process.env.NGINX_DEBUG) console.log(fs.readFileSync(path.join(prefix, 'error.log'), 'utf8'));
      fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
}
