import { KEY_PATTERN } from '../../cache/page-keys.js';

/**
 * Something readers can see changed: the keys of the pages it touches (cache/page-keys.ts), or
 * everything (`all`: the site's structure, settings, an import, or changes an instance may have
 * missed), which also reloads the site structure.
 */
export interface Change {
  readonly keys: readonly string[];
  readonly all: boolean;
}

export const changeOfKeys = (keys: readonly string[]): Change => ({ keys: [...new Set(keys)], all: false });
export const changeOfAll = (): Change => ({ keys: [], all: true });

/** Whoever acts on a change: the page cache, the site structure, the front cache's purger. */
export type ChangeListener = (change: Change) => void;

/**
 * Carries changes to every listener of every instance. On SQLite there is one process and the
 * bus is a function call (`localChangeBus`); on PostgreSQL `PgChangeBus` also writes each change
 * to the `changes` table and NOTIFYs the other instances (decision 0020).
 */
export interface ChangeBus {
  /** Tells every instance, this one at once, the others as soon as they hear. */
  announce(change: Change): void;
  /** Adds a listener for changes from this instance and the others. */
  listen(listener: ChangeListener): void;
  close(): Promise<void>;
}

export function localChangeBus(): ChangeBus {
  const listeners: ChangeListener[] = [];
  return {
    announce: (change) => {
      for (const listener of listeners) listener(change);
    },
    listen: (listener) => {
      listeners.push(listener);
    },
    close: async () => undefined,
  };
}

/** A change as it travels (NOTIFY payload, `changes` row): keys separated by spaces, "*" for all. */
export function encodeChange(change: Change): string {
  return change.all ? '*' : change.keys.join(' ');
}

/** The change in a payload; anything malformed is taken as "everything changed", which is always safe. */
export function decodeChange(text: string): Change {
  if (text === '*') return changeOfAll();
  const keys = text.split(' ').filter((k) => k !== '');
  return keys.every((k) => KEY_PATTERN.test(k)) ? changeOfKeys(keys) : changeOfAll();
}
