/**
 * Per-scan memo: each related fact (and each shared sub-read such as a managed
 * policy or a trail's status) is fetched at most once per scan, even when
 * several targets of the same account ask for it at the same time.
 */
export class FactCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  once<T>(key: string, fetch: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key) as Promise<T> | undefined;
    if (!entry) {
      entry = fetch();
      this.entries.set(key, entry);
    }
    return entry;
  }
}
