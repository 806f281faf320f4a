/** The demo's data (examples/), loaded once for its consistency tests. */
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { Entity } from '@backstage/catalog-model';
import {
  RESOURCE_TYPE_DESCRIPTORS,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';
import type { Estate, EstateAccount, EstateRegion } from '../estate';

export const EXAMPLES = path.resolve(__dirname, '../../../../../../examples');
/** The demo estate ships in this package (`demoEstate: builtin`). */
export const DEMO_ESTATE_DIR = path.resolve(
  __dirname,
  '../../../../demo-estate',
);
export const ESTATE_FILE = path.join(DEMO_ESTATE_DIR, 'estate.yaml');
export const GENERATOR = path.join(DEMO_ESTATE_DIR, 'generate.js');

/** Gaps the estate keeps on purpose; examples/README.md lists them. */
export const UNKNOWN_OWNER = 'growth-marketing';
export const MISSING_ROLES = [
  'arn:aws:iam::444455556666:role/AcmeLegacyNotebookRole',
];
export const MISSING_BUCKETS = ['acme-data-lake-raw'];

/** The Describe* field holding each resource type's ARN. */
/** The Describe field holding each type's ARN (from the registry). */
export const ARN_FIELD = Object.fromEntries(
  RESOURCE_TYPE_DESCRIPTORS.map(d => [d.id, d.api.arnField]),
) as Record<ResourceType, string>;

export interface FlatResource {
  account: EstateAccount;
  region: EstateRegion;
  type: ResourceType;
  arn: string;
  description: Record<string, any>;
  tags: Record<string, string>;
}

export const estate = parse(fs.readFileSync(ESTATE_FILE, 'utf8')) as Estate;

export function loadEntities(file: string): Entity[] {
  return parseAllDocuments(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'))
    .map(document => document.toJS())
    .filter(Boolean);
}
export const org = loadEntities('org.yaml');
export const systemsFile = loadEntities('systems.yaml');
export const services = loadEntities('ml-services.yaml');
export const groups = org.filter(entity => entity.kind === 'Group');
export const groupNames = new Set(groups.map(group => group.metadata.name));
export const systems = systemsFile.filter(entity => entity.kind === 'System');
export const domains = systemsFile.filter(entity => entity.kind === 'Domain');
export const serviceByName = new Map(services.map(s => [s.metadata.name, s]));
/** A service in an account whose role cannot be assumed: nothing of it is recorded. */
export const unreadableAccounts = new Set(
  estate.accounts.filter(a => a.assumeRoleFails).map(a => a.accountId),
);
export const inUnreadableAccount = (s: Entity) =>
  unreadableAccounts.has(
    s.metadata.annotations?.['amazonaws.com/account-id'] ?? '',
  );

export const resources: FlatResource[] = estate.accounts.flatMap(account =>
  account.regions.flatMap(region =>
    Object.entries(region.sagemaker).flatMap(([type, list]) =>
      (list ?? []).map(resource => ({
        account,
        region,
        type: type as ResourceType,
        arn: resource.description[ARN_FIELD[type as ResourceType]] as string,
        description: resource.description as Record<string, any>,
        tags: resource.tags ?? {},
      })),
    ),
  ),
);

/** Every string in a value, with the name of the field holding it. */
export function strings(value: unknown, field = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[field, value]];
  if (Array.isArray(value)) return value.flatMap(item => strings(item, field));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => strings(item, key));
  }
  return [];
}

export function decodeIamDocument(encoded: string) {
  expect(encoded).not.toContain('{');
  return JSON.parse(decodeURIComponent(encoded));
}

export function kmsReferenceResolves(
  region: EstateRegion,
  accountId: string,
  ref: string,
) {
  const aliasPrefix = `arn:aws:kms:${region.region}:${accountId}:`;
  return (region.kmsKeys ?? []).some(
    key =>
      key.metadata.KeyId === ref ||
      key.metadata.Arn === ref ||
      (key.aliases ?? []).some(
        alias => alias === ref || `${aliasPrefix}${alias}` === ref,
      ),
  );
}
