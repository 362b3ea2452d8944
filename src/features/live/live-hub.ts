import type { ServerResponse } from 'node:http';
import type { LiveChangeBus } from './live-bus.js';

/**
 * The readers' streams of live articles, fed from memory (decision 0022). For each live article
 * with readers the hub holds the rendered entries; a change on the bus makes it load that article
 * once (one query per change per instance, however many readers) and write the difference, as one
 * server-sent-events string, to every reader's connection. A reader who connects gets what changed
 * since the time its page names from that memory: connecting costs no query either, except for
 * the first reader of an article on an instance.
 */

export interface HubEntry {
  id: number;
  /** Any change moves it; readers resume from the newest they have. */
  updatedAt: string;
  publishedAt: string;
  pinned: boolean;
  keyEvent: boolean;
  html: string;
}

export interface HubSnapshot {
  ended: boolean;
  entries: HubEntry[];
  keyEventsHtml: string;
  endedHtml: string;
}

/** Loads and renders a live article; undefined when it is not live (anymore) or not published. */
export type HubLoader = (articleId: number) => Promise<HubSnapshot | undefined>;

interface Room {
  clients: Set<ServerResponse>;
  snapshot: HubSnapshot | undefined;
  loading: Promise<HubSnapshot | undefined> | undefined;
  /** A change arrived while loading: load again when done. */
  dirty: boolean;
}

export interface HubOptions {
  heartbeatMs?: number;
  /** A reader whose connection holds more unsent bytes than this is dropped (it reconnects and resumes). */
  maxBuffered?: number;
}

const sse = (event: string, data: unknown, id?: string) => `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export class LiveHub {
  private readonly rooms = new Map<number, Room>();
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly maxBuffered: number;
  /** Loads done (each is the database's work for one change or one first reader): the bench reads it. */
  loads = 0;

  constructor(
    bus: LiveChangeBus,
    private readonly load: HubLoader,
    options: HubOptions = {},
  ) {
    this.maxBuffered = options.maxBuffered ?? 1024 * 1024;
    this.unsubscribe = bus.subscribe((change) => void this.changed(change.articleId));
    // A comment line now and then keeps proxies from closing quiet connections.
    this.heartbeat = setInterval(() => this.everyone(': \n\n'), options.heartbeatMs ?? 25_000);
    this.heartbeat.unref();
  }

  get connections(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.clients.size;
    return n;
  }

  private room(articleId: number): Room {
    let room = this.rooms.get(articleId);
    if (!room) {
      room = { clients: new Set(), snapshot: undefined, loading: undefined, dirty: false };
      this.rooms.set(articleId, room);
    }
    return room;
  }

  private async snapshotOf(articleId: number, room: Room): Promise<HubSnapshot | undefined> {
    if (room.snapshot) return room.snapshot;
    if (!room.loading) {
      this.loads++;
      room.loading = this.load(articleId).finally(() => (room.loading = undefined));
    }
    room.snapshot = await room.loading;
    return room.snapshot;
  }

  /**
   * Opens a reader's stream on `res` (headers not yet sent). `since` is the newest change the
   * reader's page shows: entries changed at or after it are sent at once, with the ids of all
   * entries so that the reader drops deleted ones. Returns false (nothing written) when the
   * article is not live: the route answers 204, which tells EventSource to stop retrying.
   */
  async open(articleId: number, since: string, res: ServerResponse, headers: Readonly<Record<string, string>>): Promise<boolean> {
    const room = this.room(articleId);
    const snapshot = await this.snapshotOf(articleId, room);
    if (!snapshot || snapshot.ended) {
      if (!room.clients.size) this.rooms.delete(articleId);
      return false;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // nginx would otherwise buffer the stream (https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_buffering).
      'x-accel-buffering': 'no',
    });
    res.socket?.setNoDelay(true);
    let first = 'retry: 5000\n\n' + sse('state', { ids: snapshot.entries.map((e) => e.id), keyEventsHtml: snapshot.keyEventsHtml }, latest(snapshot));
    for (const entry of [...snapshot.entries].reverse()) if (entry.updatedAt >= since) first += sse('entry', entry);
    res.write(first);
    room.clients.add(res);
    res.on('close', () => {
      room.clients.delete(res);
      if (!room.clients.size && !room.loading) this.rooms.delete(articleId);
    });
    return true;
  }

  /** A change on the bus: reload the article once, send the difference to its readers. */
  private async changed(articleId: number): Promise<void> {
    const room = this.rooms.get(articleId);
    if (!room || !room.clients.size) return;
    if (room.loading) {
      room.dirty = true;
      return;
    }
    const before = room.snapshot;
    this.loads++;
    room.loading = this.load(articleId);
    let after: HubSnapshot | undefined;
    try {
      after = await room.loading;
    } catch {
      after = before;
    } finally {
      room.loading = undefined;
    }
    room.snapshot = after;
    const message = difference(before, after);
    if (message) this.send(room, message);
    if (!after || after.ended) {
      for (const client of room.clients) client.end();
      room.clients.clear();
      this.rooms.delete(articleId);
      return;
    }
    if (room.dirty) {
      room.dirty = false;
      await this.changed(articleId);
    }
  }

  private send(room: Room, message: string): void {
    for (const client of room.clients) {
      if (client.writableLength > this.maxBuffered) {
        client.destroy();
        continue;
      }
      client.write(message);
    }
  }

  private everyone(message: string): void {
    for (const room of this.rooms.values()) this.send(room, message);
  }

  /** Ends every stream (the server is closing; EventSource reconnects to another instance or later). */
  close(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const room of this.rooms.values()) for (const client of room.clients) client.end();
    this.rooms.clear();
  }
}

const latest = (snapshot: HubSnapshot) => snapshot.entries.reduce((max, e) => (e.updatedAt > max ? e.updatedAt : max), '');

/** What readers who saw `before` need to see `after`, as one SSE string ('' when nothing changed). */
export function difference(before: HubSnapshot | undefined, after: HubSnapshot | undefined): string {
  if (!after) return sse('ended', { html: '' });
  let out = '';
  const old = new Map((before?.entries ?? []).map((e) => [e.id, e]));
  const now = new Set(after.entries.map((e) => e.id));
  for (const e of old.values()) if (!now.has(e.id)) out += sse('remove', { id: e.id });
  // Oldest first, so that a reader holding several new ones shows them in order.
  for (const e of [...after.entries].reverse()) {
    const was = old.get(e.id);
    if (!was || was.html !== e.html || was.pinned !== e.pinned || was.updatedAt !== e.updatedAt) out += sse('entry', e);
  }
  if ((before?.keyEventsHtml ?? '') !== after.keyEventsHtml) out += sse('keyevents', { html: after.keyEventsHtml });
  if (after.ended && !before?.ended) out += sse('ended', { html: after.endedHtml });
  return out;
}
