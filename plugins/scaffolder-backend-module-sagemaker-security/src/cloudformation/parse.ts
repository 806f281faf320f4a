import {
  CollectionTag,
  parseDocument,
  ScalarTag,
  YAMLMap,
  YAMLSeq,
} from 'yaml';

/** A CloudFormation template, with short-form tags turned into their JSON form. */
export interface CloudFormationTemplate {
  /** Path of the file, relative to the validated folder. */
  file: string;
  Parameters: Record<string, CfnParameter>;
  Mappings: Record<string, unknown>;
  Conditions: Record<string, unknown>;
  Resources: Record<string, CfnResourceDeclaration>;
}

export interface CfnParameter {
  Type?: string;
  Default?: unknown;
}

export interface CfnResourceDeclaration {
  Type: string;
  Properties?: Record<string, unknown>;
  Condition?: string;
}

/** A file that looks like CloudFormation but cannot be read. */
export class CloudFormationParseError extends Error {
  constructor(readonly file: string, detail: string) {
    super(`${file}: not valid CloudFormation: ${detail}`);
    this.name = 'CloudFormationParseError';
  }
}

/** Short-form tag → the function name of its JSON form. */
const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!Base64': 'Fn::Base64',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!GetAZs': 'Fn::GetAZs',
  '!Cidr': 'Fn::Cidr',
  '!Transform': 'Fn::Transform',
};

function scalarTag(tag: string, fn: string): ScalarTag {
  return {
    tag,
    resolve: (value: string) => {
      // `!GetAtt Resource.Attribute` is the scalar shorthand of a two-item list.
      if (fn === 'Fn::GetAtt') {
        const dot = value.indexOf('.');
        return dot < 0
          ? { [fn]: [value] }
          : { [fn]: [value.slice(0, dot), value.slice(dot + 1)] };
      }
      return { [fn]: value };
    },
  };
}

function collectionTag(
  tag: string,
  fn: string,
  collection: 'map' | 'seq',
): CollectionTag {
  // yaml wraps a non-node result in a Scalar, whose `toJS` returns it unchanged.
  const resolve = (node: YAMLMap | YAMLSeq) => ({ [fn]: node.toJSON() });
  return { tag, collection, resolve } as unknown as CollectionTag;
}

const CLOUDFORMATION_TAGS = Object.entries(SHORT_FORMS).flatMap(([tag, fn]) => [
  scalarTag(tag, fn),
  collectionTag(tag, fn, 'seq'),
  collectionTag(tag, fn, 'map'),
]);

/** Quick test of the raw text, so that broken non-CloudFormation YAML is skipped, not fatal. */
export function mentionsCloudFormation(text: string): boolean {
  return (
    /AWSTemplateFormatVersion/.test(text) ||
    /(^|[\s{,"'])Type["']?\s*:\s*["']?AWS::/m.test(text)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseText(text: string, file: string): unknown {
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new CloudFormationParseError(file, (error as Error).message);
    }
  }
  const doc = parseDocument(text, {
    customTags: CLOUDFORMATION_TAGS,
    // CloudFormation YAML is YAML 1.1-ish; keep `yes`/`no` strings as strings.
    version: '1.2',
    prettyErrors: true,
    uniqueKeys: true,
  });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const where = first.linePos?.[0]
      ? `line ${first.linePos[0].line}, column ${first.linePos[0].col}`
      : 'unknown position';
    throw new CloudFormationParseError(
      file,
      `${where}: ${first.message
        .split('\n')[0]
        .replace(/ at line \d+, column \d+:?$/, '')}`,
    );
  }
  return doc.toJS({ maxAliasCount: 100 });
}

/**
 * Parses a JSON or YAML file. Returns undefined when the file is not a
 * CloudFormation template (no `Resources` with an `AWS::` type); throws a
 * CloudFormationParseError naming the file when it is one but is malformed.
 */
export function parseCloudFormation(
  text: string,
  file: string,
): CloudFormationTemplate | undefined {
  const looksLikeCfn = mentionsCloudFormation(text);
  let body: unknown;
  try {
    body = parseText(text, file);
  } catch (error) {
    if (looksLikeCfn) throw error;
    return undefined;
  }
  if (!isRecord(body) || !isRecord(body.Resources)) {
    if (looksLikeCfn && isRecord(body) && 'AWSTemplateFormatVersion' in body) {
      throw new CloudFormationParseError(file, '`Resources` must be a map');
    }
    return undefined;
  }
  const resources = body.Resources;
  const hasAwsResource = Object.values(resources).some(
    r =>
      isRecord(r) && typeof r.Type === 'string' && r.Type.startsWith('AWS::'),
  );
  if (!hasAwsResource) return undefined;

  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isRecord(resource) || typeof resource.Type !== 'string') {
      throw new CloudFormationParseError(
        file,
        `resource ${logicalId} has no Type`,
      );
    }
    if (resource.Properties !== undefined && !isRecord(resource.Properties)) {
      throw new CloudFormationParseError(
        file,
        `Properties of resource ${logicalId} must be a map`,
      );
    }
  }
  return {
    file,
    Parameters: isRecord(body.Parameters)
      ? (body.Parameters as Record<string, CfnParameter>)
      : {},
    Mappings: isRecord(body.Mappings) ? body.Mappings : {},
    Conditions: isRecord(body.Conditions) ? body.Conditions : {},
    Resources: resources as Record<string, CfnResourceDeclaration>,
  };
}
