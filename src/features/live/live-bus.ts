/**
 * How a change to a live article reaches the readers' streams (decision 0022): the desk publishes
 * "article N changed" on a bus, and every instance's hub that has readers of N reloads N once and
 * sends what changed to all of them. The message carries no content, so any transport that can
 * say "N changed" to every instance will do: this in-process one for a single instance, and the
 * PostgreSQL LISTEN/NOTIFY change bus (issue 11) when there are several, behind this interface.
 */
export interface LiveChange {
  articleId: number;
}

export interface LiveChangeBus {
  publish(change: LiveChange): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (change: LiveChange) => void): () => void;
}

/** One process: changes are delivered to this process's listeners only (after the current tick). */
export function localLiveBus(): LiveChangeBus {
  const listeners = new Set<(change: LiveChange) => void>();
  return {
    publish(change) {
      // After the writer's transaction and response: a listener's reload never holds up the save.
      queueMicrotask(() => {
        for (const listener of listeners) listener(change);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
