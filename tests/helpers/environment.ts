import fs from 'node:fs';
import pg from 'pg';

export const ADMIN_DATABASE_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export const chromiumAvailable = (): boolean => fs.existsSync(CHROMIUM_PATH);

export const NGINX_PATH = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const NGINX_PURGE_MODULE = process.env.NGINX_PURGE_MODULE ?? '/usr/lib/nginx/modules/ngx_http_cache_purge_module.so';

/** nginx and its cache-purge module (Debian: nginx, libnginx-mod-http-cache-purge), for the front cache test. */
export const nginxAvailable = (): boolean => fs.existsSync(NGINX_PATH) && fs.existsSync(NGINX_PURGE_MODULE);
