import type {
  CheckReferences,
  Finding,
} from '@mlsec/plugin-sagemaker-security-common';

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

/**
 * The controls of other tools and standards a check answers, as `field:id`
 * pairs (e.g. `securityHub:SageMaker.1`, `awsSample:SM-01`): the CSV
 * `references` column and OCSF's `compliance.standards`.
 */
export function peerControls(
  references: CheckReferences | undefined,
): string[] {
  return Object.entries(references ?? {}).flatMap(([field, ids]) =>
    field !== 'seed' && Array.isArray(ids)
      ? ids.map(id => `${field}:${id}`)
      : [],
  );
}

/** The peer controls space-separated, so a spreadsheet can filter by a standard. */
export function referencesField(
  references: CheckReferences | undefined,
): string {
  return peerControls(references).join(' ');
}

/** The header line of the CSV export. */
export function csvHeader(): string {
  return `${[...COLUMNS.map(([name]) => name), 'references'].join(',')}\r\n`;
}

/** One finding as a CSV line; the last column lists its check's peer controls. */
export function csvLine(
  finding: Finding,
  references: CheckReferences | undefined,
): string {
  return `${[
    ...COLUMNS.map(([, get]) => csvField(get(finding))),
    csvField(referencesField(references)),
  ].join(',')}\r\n`;
}

/**
 * Findings as CSV, one line each; the last column lists the peer controls
 * of the finding's check (`referencesOf`, usually from the check metadata).
 */
export function findingsToCsv(
  findings: Finding[],
  referencesOf: (checkId: string) => CheckReferences | undefined = () =>
    undefined,
): string {
  return (
    csvHeader() +
    findings.map(f => csvLine(f, referencesOf(f.check.id))).join('')
  );
}
