/**
 * A read shared by concurrent callers without serving anyone a value older
 * than their call: a caller who arrives while the read runs waits for the
 * next one, which starts when the running one settles and is shared by
 * every caller who arrived meanwhile. Under N concurrent callers the source
 * is read about once per read's latency instead of N times, and each caller
 * still sees every write that finished before it called.
 */
export function nextRead<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const current = read().finally(() => {
      if (running === current) running = undefined;
    });
    running = current;
    return current;
  };
  return () => {
    // Not started yet: it starts after this call, so it is fresh enough.
    if (next) return next;
    if (!running) return start();
    const after = running;
    const queued = after
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        next = undefined;
        return start();
      });
    next = queued;
    return queued;
  };
}
