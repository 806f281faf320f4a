/**
 * Helpers of the demo portal backend test: its configuration and a poll for
 * what the start-up scan produces.
 */
import { readYamlDocuments, repoPath } from './repoFiles';

/** `sagemakerSecurity` of the demo portal: app-config.yaml with app-config.demo.yaml over it. */
export async function demoPortalConfig() {
  const [base] = await readYamlDocuments(repoPath('app-config.yaml'));
  const [demo] = await readYamlDocuments(repoPath('app-config.demo.yaml'));
  return { ...base.sagemakerSecurity, ...demo.sagemakerSecurity };
}

/** Reads until `read` answers, or fails after `timeoutMs`. */
export async function poll<T>(
  what: string,
  read: () => Promise<T | undefined>,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}
