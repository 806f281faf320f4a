import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  CloudFormationParseError,
  CloudFormationTemplate,
  parseCloudFormation,
} from './parse';

const TEMPLATE_EXTENSIONS = /\.(ya?ml|json|template)$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'cdk.out']);
/** Larger files are not CloudFormation a person wrote; skip them. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) yield* walk(full);
    } else if (entry.isFile() && TEMPLATE_EXTENSIONS.test(entry.name)) {
      yield full;
    }
  }
}

export interface LoadedTemplates {
  templates: CloudFormationTemplate[];
  /** Candidate files that are not CloudFormation (e.g. catalog-info.yaml). */
  skipped: string[];
  /** Files that look like CloudFormation but cannot be parsed. */
  errors: CloudFormationParseError[];
}

/**
 * Reads every CloudFormation template under a folder. Paths in the result
 * are relative to that folder.
 */
export async function loadTemplates(root: string): Promise<LoadedTemplates> {
  const result: LoadedTemplates = { templates: [], skipped: [], errors: [] };
  for await (const file of walk(root)) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    const stat = await fs.stat(file);
    if (stat.size > MAX_FILE_BYTES) {
      result.skipped.push(relative);
      continue;
    }
    const text = await fs.readFile(file, 'utf8');
    try {
      const template = parseCloudFormation(text, relative);
      if (template) result.templates.push(template);
      else result.skipped.push(relative);
    } catch (error) {
      if (!(error instanceof CloudFormationParseError)) throw error;
      result.errors.push(error);
    }
  }
  return result;
}
