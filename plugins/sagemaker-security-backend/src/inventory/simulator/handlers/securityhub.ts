import { paginate } from '../paging';
import type { Handler } from './types';

/**
 * Security Hub's GetFindings over the estate's recorded findings of the
 * region, with the filters the plugin sends applied (resource type prefix,
 * record state, account, region), in pages.
 */
export const securityhubHandlers: Record<string, Handler> = {
  GetFindings: (input, scope) => {
    const filters = (input.Filters ?? {}) as Record<
      string,
      Array<{ Value: string; Comparison: string }>
    >;
    const matches = (field: string, value: unknown) =>
      (filters[field] ?? []).every(({ Value, Comparison }) =>
        Comparison === 'PREFIX'
          ? String(value ?? '').startsWith(Value)
          : String(value ?? '') === Value,
      );
    const findings = (scope.region?.securityHubFindings ?? []).filter(
      finding => {
        const resources = (finding.Resources ?? []) as Array<{
          Type?: string;
        }>;
        return (
          resources.some(r => matches('ResourceType', r.Type)) &&
          matches('RecordState', finding.RecordState ?? 'ACTIVE') &&
          matches('AwsAccountId', finding.AwsAccountId) &&
          matches('Region', finding.Region)
        );
      },
    );
    const { page, next } = paginate(findings, input, scope.pageSize);
    return { Findings: page, ...(next ? { NextToken: next } : {}) };
  },
};
