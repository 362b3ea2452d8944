/**
 * Runs `task` now and then every `intervalMs`, never two runs at once: a tick while a run is under
 * way joins that run instead of starting another. A failed run goes to `onError`; the next tick
 * runs again. The timer does not keep the process alive; `stop` ends the repeats (a run under way
 * finishes). `tick` runs it on demand (tests, an admin "now"), with the same no-overlap rule.
 */
export function repeating(task: () => Promise<void>, intervalMs: number, onError: (error: unknown) => void): { stop(): void; tick(): Promise<void> } {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= task()
      .catch(onError)
      .finally(() => {
        running = null;
      });
    return running;
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}
