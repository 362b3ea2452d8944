import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { enqueueTestEvent } from '../src/features/webhooks/delivery.js';
import { createTestDb, type TestDb } from './helpers/test-db.js';

const CLI = path.resolve('src/cli/main.ts');
const BIG = 24 * 1024 * 1024;

/**
 * The graceful stop of `dateline serve` in a real process (decision 0028): after SIGTERM a large
 * download already under way completes, a webhook delivery already running finishes, new
 * connections are refused, and the process exits 0.
 */
describe('dateline serve stops gracefully on SIGTERM', () => {
  let testDb: TestDb;
  let child: ChildProcess | undefined;
  let receiver: http.Server | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    receiver?.close();
    await testDb?.destroy();
  });

  it('finishes the request in flight and the running job, refuses new connections, exits 0', async () => {
    testDb = await createTestDb('sqlite');
    // A file large enough that its download is still going when the signal comes (the reader pauses).
    fs.mkdirSync(path.join(testDb.dataDir, 'media'), { recursive: true });
    fs.writeFileSync(path.join(testDb.dataDir, 'media', 'big.bin'), Buffer.alloc(BIG, 7));
    // A webhook receiver that answers a second after it is called.
    let delivered!: () => void;
    const called = new Promise<void>((resolve) => (delivered = resolve));
    let answered = false;
    receiver = http.createServer((req, res) => {
      req.resume();
      delivered();
      setTimeout(() => {
        answered = true;
        res.end('ok');
      }, 1_000);
    });
    await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
    const hook = await testDb.db.kysely
      .insertInto('webhooks')
      .values({ url: `http://127.0.0.1:${(receiver.address() as net.AddressInfo).port}/hook`, events: '["article.published"]', secret: 's'.repeat(32), description: 'slow receiver', created_by: null, created_at: new Date().toISOString(), disabled_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const now = new Date();
    await enqueueTestEvent(testDb.db.kysely, hook.id, now);
    await testDb.db.close();

    child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--no-demo'], {
      env: { ...process.env, DATA_DIR: testDb.dataDir, PORT: '0', HOST: '127.0.0.1', SITE_URL: 'http://127.0.0.1', LOG_LEVEL: 'info', WEBHOOK_ALLOW_PRIVATE: 'true', STOP_TIMEOUT_MS: '20000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const records: Record<string, unknown>[] = [];
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const serving = new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child!.stdout! }).on('line', (line) => {
        const record = JSON.parse(line) as Record<string, unknown>;
        records.push(record);
        if (typeof record.msg === 'string' && record.msg.startsWith('Dateline is serving')) resolve(record.address as string);
      });
      child!.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const address = new URL(await serving);
    await called;

    // A download begun before the signal, read slowly: most of it is still to come when SIGTERM arrives.
    const download = await new Promise<http.IncomingMessage>((resolve, reject) => http.get({ host: '127.0.0.1', port: address.port, path: '/media/big.bin' }, resolve).on('error', reject));
    expect(download.statusCode).toBe(200);
    download.pause();
    child.kill('SIGTERM');
    // New connections are refused once the stop has begun.
    await expect.poll(() => new Promise<string | undefined>((resolve) => {
      const socket = net.connect(Number(address.port), '127.0.0.1', () => { socket.destroy(); resolve('accepted'); });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code));
    }), { timeout: 5_000, interval: 50 }).toBe('ECONNREFUSED');
    let received = 0;
    download.on('data', (chunk: Buffer) => (received += chunk.length));
    download.resume();
    await new Promise((resolve) => download.on('end', resolve));
    expect(received).toBe(BIG);
    expect(download.headers.connection).toBe('keep-alive'); // sent before the stop; the sweep closes it after

    expect(await exited).toBe(0);
    expect(answered).toBe(true);
    const messages = records.map((r) => String(r.msg));
    const at = (text: string) => messages.findIndex((m) => m.includes(text));
    expect(at('stopping: /readyz answers 503')).toBeGreaterThan(-1);
    expect(at('the job worker has finished')).toBeGreaterThan(at('stopping: /readyz answers 503'));
    expect(at('requests in flight finished')).toBeGreaterThan(at('stopping: /readyz answers 503'));
    expect(at('stopping: database closed')).toBeGreaterThan(Math.max(at('the job worker has finished'), at('requests in flight finished')));
    // The delivery was recorded as done before the database closed.
    const { connect } = await import('../src/db/connect.js');
    const db = connect({ sqliteFile: path.join(testDb.dataDir, 'dateline.sqlite') });
    const job = await db.kysely.selectFrom('jobs').select(['done_at', 'last_error']).executeTakeFirstOrThrow();
    await db.close();
    expect(job.done_at).not.toBeNull();
    expect(job.last_error).toBeNull();
  });
});
