// @ts-check
/**
 * deploy/nginx/dateline.conf made to run as an ordinary process on one machine: the lines marked
 * ADAPT pointed at a temporary prefix, loopback ports, the instances and their shared media
 * folder, and an nginx.conf around it. Used by `npm run cluster` (deploy/cluster.js) and the
 * benches' cluster kit (bench/cluster-kit.js), so that both run the configuration a server gets.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx';
export const PURGE_MODULE = process.env.NGINX_PURGE_MODULE || '/usr/lib/nginx/modules/ngx_http_cache_purge_module.so';
const DEPLOY_CONF = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dateline.conf');

/**
 * Writes `prefix/dateline.conf` and `prefix/nginx.conf` (and the folders they name) and returns
 * the arguments that start nginx on them in the foreground.
 * @param {{
 *   prefix: string,
 *   host: string,
 *   port: number,
 *   purgePort: number,
 *   instancePorts: number[],
 *   mediaDir: string,
 *   workerProcesses?: number | 'auto',
 *   workerConnections?: number,
 *   moreServers?: string,
 * }} options
 * @returns {string[]}
 */
export function writeLocalNginx(options) {
  const { prefix, host } = options;
  for (const dir of ['cache', 'temp/body', 'temp/proxy', 'temp/fastcgi', 'temp/uwsgi', 'temp/scgi']) fs.mkdirSync(path.join(prefix, dir), { recursive: true });
  const conf = fs
    .readFileSync(DEPLOY_CONF, 'utf8')
    .replace('/var/cache/nginx/dateline', path.join(prefix, 'cache'))
    .replace(/ {4}server 127\.0\.0\.1:3000;[^\n]*/, options.instancePorts.map((p) => `    server ${host}:${p};`).join('\n'))
    .replace(/listen 80;/, `listen ${host}:${options.port};`)
    .replace(/listen 127\.0\.0\.1:8081;/, `listen ${host}:${options.purgePort};`)
    // The one media folder of all the instances (their shared DATA_DIR), served by nginx itself.
    .replace('alias /srv/dateline/data/media/;', `alias ${options.mediaDir}/;`);
  fs.writeFileSync(path.join(prefix, 'dateline.conf'), conf);
  const temp = (/** @type {string} */ name) => path.join(prefix, 'temp', name);
  fs.writeFileSync(
    path.join(prefix, 'nginx.conf'),
    [
      `load_module ${PURGE_MODULE};`,
      // As root (a container), workers would drop to "nobody" and lose the temporary folder.
      process.getuid?.() === 0 ? 'user root;' : '',
      `worker_processes ${options.workerProcesses ?? 'auto'};`,
      `error_log ${path.join(prefix, 'error.log')} warn;`,
      `pid ${path.join(prefix, 'nginx.pid')};`,
      `events { worker_connections ${options.workerConnections ?? 1024}; }`,
      'http {',
      '  include /etc/nginx/mime.types;',
      '  access_log off;',
      `  client_body_temp_path ${temp('body')}; proxy_temp_path ${temp('proxy')}; fastcgi_temp_path ${temp('fastcgi')}; uwsgi_temp_path ${temp('uwsgi')}; scgi_temp_path ${temp('scgi')};`,
      `  include ${path.join(prefix, 'dateline.conf')};`,
      options.moreServers ?? '',
      '}',
      '',
    ].join('\n'),
  );
  return ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-g', 'daemon off;'];
}
