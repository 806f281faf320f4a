/** Test helpers that read the repository's catalog data (templates, examples). */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { parseAllDocuments } from 'yaml';

/** The repository root, found from the backend package (never a machine path). */
export const REPO_ROOT = resolvePackagePath('backend', '../..');

export const repoPath = (...segments: string[]) =>
  path.join(REPO_ROOT, ...segments);

/** Every document of a YAML file, as plain objects. */
export async function readYamlDocuments(file: string): Promise<any[]> {
  const text = await fs.readFile(file, 'utf8');
  return parseAllDocuments(text)
    .map(doc => doc.toJS())
    .filter(doc => doc !== null && doc !== undefined);
}

/** A file of a scaffolder dry-run request (`directoryContents`). */
export interface DryRunFile {
  path: string;
  base64Content: string;
}

/** Every file under `dir`, with POSIX paths relative to it. */
export async function readDirectoryContents(
  dir: string,
): Promise<DryRunFile[]> {
  const entries = await fs.readdir(dir, {
    recursive: true,
    withFileTypes: true,
  });
  const files = entries.filter(entry => entry.isFile());
  return Promise.all(
    files.map(async entry => {
      const absolute = path.join(entry.parentPath, entry.name);
      return {
        path: path.relative(dir, absolute).split(path.sep).join('/'),
        base64Content: (await fs.readFile(absolute)).toString('base64'),
      };
    }),
  );
}

export const decodeBase64 = (content: string) =>
  Buffer.from(content, 'base64').toString('utf8');
