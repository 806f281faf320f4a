/**
 * Shared by the fact mappers: the sink that collects (and merges) facts, and
 * readers of CloudFormation property values.
 */
import {
  FactDataByKind,
  FactKind,
  RelatedFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { StackEnvironment, Unresolved } from '../intrinsics';
import { ResolvedResource } from '../resolveTemplate';
import {
  replaceUnresolved,
  unresolvedError,
  UnresolvedValue,
} from '../unresolvedMarkers';

export type Props = Record<string, unknown>;
export type Env = Omit<StackEnvironment, 'stackName'>;

/** Collects facts, merging per-region lists declared in several files. */
export class FactSink {
  private readonly facts = new Map<string, RelatedFact>();

  add<K extends FactKind>(
    kind: K,
    key: string,
    accountId: string,
    region: string,
    data: FactDataByKind[K],
    source: ResolvedResource,
    merge?: (existing: FactDataByKind[K], added: FactDataByKind[K]) => void,
  ) {
    const found: UnresolvedValue[] = [];
    const finalData = replaceUnresolved(data, '', found) as FactDataByKind[K];
    const errors = found.map(v =>
      unresolvedError(v, `${source.file}#${source.logicalId}`),
    );
    const id = `${kind}|${accountId}|${region}|${key}`;
    const existing = this.facts.get(id) as RelatedFact<K> | undefined;
    if (existing?.data && merge) {
      merge(existing.data, finalData);
      existing.errors.push(...errors);
      return;
    }
    this.facts.set(id, {
      kind,
      key,
      accountId,
      region,
      data: finalData,
      errors,
    });
  }

  all(): RelatedFact[] {
    return [...this.facts.values()];
  }
}

export function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined ? [] : [value];
}

/** CloudFormation booleans may be written as strings. */
export function asBoolean(
  value: unknown,
  fallback: boolean,
): boolean | Unresolved {
  if (value instanceof Unresolved) return value;
  if (value === undefined) return fallback;
  return value === true || value === 'true';
}

export function asNumber(value: unknown): number | undefined {
  if (value === undefined || value instanceof Unresolved) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function keyStateOf(enabled: boolean | Unresolved): string {
  if (enabled instanceof Unresolved) return enabled as unknown as string;
  return enabled ? 'Enabled' : 'Disabled';
}

export function ofType(resources: ResolvedResource[], type: string) {
  return resources.filter(r => r.type === type);
}

export function keyIdOf(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/^.*:key\//, '') : value;
}
