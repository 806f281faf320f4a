import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  CheckReferences,
  Finding,
} from '@mlsec/plugin-sagemaker-security-common';
import type express from 'express';
import { once } from 'node:events';
import { csvHeader, csvLine } from './csv';
import { toOcsf } from './ocsf';

export type ExportFormat = 'csv' | 'json' | 'ocsf';

const PRODUCT = {
  name: 'SageMaker Security for Backstage',
  vendor: 'mlsec',
};

/**
 * Writes findings as they come (one ML service's at a time), waiting for the
 * socket to drain, so that memory stays bounded whatever the scope: CSV
 * lines, or a JSON array of findings or of OCSF Compliance Findings. The
 * status and headers go out before the first finding is read; a failure
 * after that ends the response abruptly (the client sees a broken transfer,
 * never a short file that looks complete) and is logged.
 */
export async function streamFindings(
  res: express.Response,
  options: {
    format: ExportFormat;
    filename: string;
    batches: AsyncIterable<Finding[]>;
    referencesOf: (checkId: string) => CheckReferences | undefined;
    logger: LoggerService;
  },
): Promise<void> {
  const { format, batches, referencesOf } = options;
  const csv = format === 'csv';
  res.status(200);
  if (csv) res.type('text/csv');
  else res.type('application/json');
  res.attachment(
    `${options.filename}.${
      csv ? 'csv' : `${format === 'ocsf' ? 'ocsf.' : ''}json`
    }`,
  );
  const write = async (chunk: string) => {
    if (!res.write(chunk)) await once(res, 'drain');
  };
  const item = (finding: Finding): string => {
    const references = referencesOf(finding.check.id);
    if (csv) return csvLine(finding, references);
    return JSON.stringify(
      format === 'ocsf'
        ? toOcsf(finding, references, PRODUCT)
        : { ...finding, check: { ...finding.check, references } },
    );
  };
  try {
    await write(csv ? csvHeader() : '[');
    let first = true;
    for await (const batch of batches) {
      if (res.destroyed) return;
      const parts = batch.map(item);
      if (parts.length === 0) continue;
      await write(
        csv ? parts.join('') : `${first ? '' : ','}${parts.join(',')}`,
      );
      first = false;
    }
    res.end(csv ? '' : ']');
  } catch (error) {
    options.logger.error(
      `Export failed after the response started: ${(error as Error).message}`,
    );
    res.destroy(error as Error);
  }
}
