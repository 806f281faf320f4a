import type { Finding } from '@mlsec/plugin-sagemaker-security-common';

const COLUMNS: Array<[string, (f: Finding) => string | undefined]> = [
  ['entityRef', f => f.entityRef],
  ['resourceArn', f => f.result.resourceArn],
  ['resourceType', f => f.result.resourceType],
  ['resourceName', f => f.result.resourceName],
  ['accountId', f => f.result.accountId],
  ['region', f => f.result.region],
  ['checkId', f => f.check.id],
  ['checkTitle', f => f.check.title],
  ['pillar', f => f.check.pillar],
  ['severity', f => f.check.severity],
  ['status', f => f.result.status],
  ['evaluatedStatus', f => f.result.evaluatedStatus],
  ['message', f => f.result.message],
  ['missing', f => f.result.missing?.join(' ')],
  ['since', f => f.result.since],
  ['evaluatedAt', f => f.result.evaluatedAt],
  ['waiverId', f => f.result.waiver?.id],
  ['waiverExpiresAt', f => f.result.waiver?.expiresAt],
];

/**
 * One CSV field (RFC 4180). Values that a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR) get a leading apostrophe.
 */
export function csvField(value: string | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function findingsToCsv(findings: Finding[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const finding of findings) {
    lines.push(COLUMNS.map(([, get]) => csvField(get(finding))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
