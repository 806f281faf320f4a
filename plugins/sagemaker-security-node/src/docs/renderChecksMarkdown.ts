import {
  ALL_PILLARS,
  CheckMetadata,
} from '@mlsec/plugin-sagemaker-security-common';
import { SEED_COVERAGE, SeedRecommendation } from './seedCoverage';

const PILLAR_TITLES: Record<string, string> = {
  encryption: 'Encryption',
  network: 'Network',
  iam: 'IAM',
  monitoring: 'Monitoring',
  resilience: 'Resilience and governance',
};

/** Markdown-safe table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function codeList(items: readonly string[] | undefined): string {
  return (items ?? []).map(item => `\`${item}\``).join(', ');
}

function renderReferences(check: CheckMetadata): string[] {
  const { references } = check;
  const lines: string[] = [];
  const add = (label: string, items?: string[]) => {
    if (items && items.length > 0) lines.push(`- ${label}: ${codeList(items)}`);
  };
  add('Security Hub', references.securityHub);
  add('AWS Config', references.configRules);
  add('Prowler', references.prowler);
  add('Checkov', references.checkov);
  add('Powerpipe', references.powerpipe);
  lines.push(
    `- Seed guidance: ${references.seed.pillar} (${references.seed.phases.join(
      ', ',
    )})`,
  );
  return lines;
}

function renderCheck(check: CheckMetadata): string[] {
  const lines = [
    `### \`${check.id}\``,
    '',
    `**${check.title}**`,
    '',
    `- Pillar: ${check.pillar}`,
    `- Severity: ${check.severity}`,
    `- Resource types: ${codeList(check.resourceTypes)}`,
  ];
  if (check.requiresLiveData) {
    lines.push(
      '- Live data only: not evaluated before deployment (not_applicable in IaC validation)',
    );
  }
  lines.push(
    '',
    check.rationale,
    '',
    'References:',
    '',
    ...renderReferences(check),
    '',
  );
  lines.push(
    `Remediation: ${check.remediation.text} ([AWS documentation](${check.remediation.docsUrl}))`,
  );
  if (check.remediation.template) {
    const prefill = Object.entries(check.remediation.template.prefill)
      .map(([parameter, path]) => `\`${parameter}\` ← \`${path}\``)
      .join(', ');
    lines.push(
      '',
      `Fix with template \`${check.remediation.template.name}\` (prefill: ${prefill}).`,
    );
  }
  lines.push('');
  return lines;
}

function renderSecurityHubCoverage(checks: CheckMetadata[]): string[] {
  const lines = [
    '## Security Hub SageMaker controls',
    '',
    '| Control | Checks |',
    '| --- | --- |',
  ];
  for (let index = 1; index <= 25; index++) {
    const control = `SageMaker.${index}`;
    const ids = checks
      .filter(check => check.references.securityHub?.includes(control))
      .map(check => check.id);
    const covered = ids.length > 0 ? codeList(ids) : 'Not checked.';
    lines.push(`| ${control} | ${cell(covered)} |`);
  }
  lines.push('');
  return lines;
}

function renderSeedCoverage(
  coverage: SeedRecommendation[],
  knownIds: Set<string>,
): string[] {
  const lines = [
    '## Seed coverage',
    '',
    'Each recommendation of the seed guidance ("Securing Amazon SageMaker AI: Comprehensive security best practices") and the checks that implement it.',
    '',
    '| Recommendation | Checks | Not covered |',
    '| --- | --- | --- |',
  ];
  for (const item of coverage) {
    const ids = item.checkIds.filter(id => knownIds.has(id));
    lines.push(
      `| ${cell(item.recommendation)} | ${cell(
        ids.length > 0 ? codeList(ids) : 'none',
      )} | ${cell(item.note ?? '')} |`,
    );
  }
  lines.push('');
  return lines;
}

/**
 * Renders the check catalogue as Markdown (docs/checks.md): an index, every
 * check with its references and remediation, the Security Hub control map and
 * the seed coverage.
 *
 * @public
 */
export function renderChecksMarkdown(
  checks: CheckMetadata[],
  coverage: SeedRecommendation[] = SEED_COVERAGE,
): string {
  const lines = [
    '# SageMaker security checks',
    '',
    '<!-- Generated from the check catalogue of @mlsec/plugin-sagemaker-security-node. Do not edit.',
    '     Regenerate: cd plugins/sagemaker-security-node && UPDATE_CHECKS_DOC=1 yarn backstage-cli package test src/docs -->',
    '',
    `${checks.length} checks. Each check returns pass, fail, warn, unknown (with the reason and the IAM action that could not be read) or not_applicable for one SageMaker resource.`,
    '',
    '| Pillar | Checks |',
    '| --- | --- |',
  ];
  const pillars = ALL_PILLARS.filter(pillar =>
    checks.some(check => check.pillar === pillar),
  );
  for (const pillar of pillars) {
    lines.push(
      `| ${PILLAR_TITLES[pillar] ?? pillar} | ${
        checks.filter(check => check.pillar === pillar).length
      } |`,
    );
  }
  lines.push(
    '',
    '## How a result is decided',
    '',
    '- **Fail closed.** A check never passes what it could not read: a failed or missing Describe response, a field recorded as unreadable, a related fact (role, key, bucket, security group, subnet, VPC endpoints, trails, alarms, log groups) that was not collected or whose call failed all give `unknown`, naming the IAM action in `missing`.',
    '- **Proof wins.** When a resource links several items (keys, roles, buckets, security groups), one proven failure makes the check `fail` even if another item is unreadable; otherwise an unreadable item makes it `unknown`.',
    '- **AWS defaults.** An absent field takes the value AWS applies (e.g. `DirectInternetAccess` and `RootAccess` absent mean Enabled).',
    '- **KMS keys** are judged only after resolving the key ID, key ARN, alias or alias ARN to the key (`kms-aliases`, then `kms-key` facts).',
    '- **Pre-deploy validation (`iac` mode).** Checks marked "live data only" are `not_applicable`. A related fact the infrastructure code does not declare (e.g. an existing role or key referenced by ARN) is `not_applicable`: it lies outside the code under review and the next live scan judges it. In a live scan the same absence is `unknown`.',
  );
  lines.push(
    '',
    '## Index',
    '',
    '| Id | Pillar | Severity | Resource types | Title |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const pillar of pillars) {
    for (const check of checks.filter(item => item.pillar === pillar)) {
      lines.push(
        `| [\`${check.id}\`](#${check.id}) | ${check.pillar} | ${
          check.severity
        } | ${cell(codeList(check.resourceTypes))} | ${cell(check.title)} |`,
      );
    }
  }
  lines.push('');
  for (const pillar of pillars) {
    lines.push(`## ${PILLAR_TITLES[pillar] ?? pillar}`, '');
    for (const check of checks.filter(item => item.pillar === pillar)) {
      lines.push(...renderCheck(check));
    }
  }
  lines.push(...renderSecurityHubCoverage(checks));
  lines.push(
    ...renderSeedCoverage(coverage, new Set(checks.map(check => check.id))),
  );
  return `${lines.join('\n').trimEnd()}\n`;
}
