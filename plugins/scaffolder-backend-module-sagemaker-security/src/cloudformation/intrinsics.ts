import { CloudFormationTemplate } from './parse';

/**
 * A value that cannot be known before deploy (a parameter without default,
 * an import, a value of a resource type this module does not model...).
 */
export class Unresolved {
  constructor(readonly expression: string) {}
}

/** `Ref: AWS::NoValue`: the property is removed. */
export const NO_VALUE = Symbol('AWS::NoValue');

/** The account and region the template is validated for. */
export interface StackEnvironment {
  accountId: string;
  region: string;
  partition: string;
  stackName: string;
}

/** What `Ref` and `Fn::GetAtt` return for a resource of the template. */
export interface ResourceIdentity {
  ref: unknown;
  attributes: Record<string, unknown>;
}

export type Identify = (
  logicalId: string,
  resolve: (value: unknown) => unknown,
) => ResourceIdentity | Unresolved;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Short text of an intrinsic expression, for messages. */
export function describeExpression(value: unknown): string {
  if (isRecord(value)) {
    const [key] = Object.keys(value);
    const arg = value[key];
    const short = key === 'Ref' ? '!Ref' : `!${key.replace(/^Fn::/, '')}`;
    const text = `${short} ${
      typeof arg === 'string' ? arg : JSON.stringify(arg)
    }`;
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  }
  return JSON.stringify(value) ?? String(value);
}

function isIntrinsicKey(key: string) {
  return key === 'Ref' || key.startsWith('Fn::');
}

const SSM_PARAMETER_TYPE = /^AWS::SSM::Parameter::Value</;

/** Resolves intrinsic functions of one template for a given account and region. */
export class IntrinsicResolver {
  private readonly conditionCache = new Map<string, boolean | Unresolved>();
  private readonly identityCache = new Map<
    string,
    ResourceIdentity | Unresolved
  >();
  private readonly identifying = new Set<string>();

  constructor(
    private readonly template: CloudFormationTemplate,
    private readonly env: StackEnvironment,
    private readonly identify: Identify,
  ) {}

  /** Resolves a property tree; unknowable parts become `Unresolved`. */
  resolve(value: unknown): unknown {
    if (Array.isArray(value)) {
      return value.map(v => this.resolve(v)).filter(v => v !== NO_VALUE);
    }
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && isIntrinsicKey(keys[0])) {
      return this.callFunction(keys[0], value[keys[0]], value);
    }
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const resolved = this.resolve(child);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  }

  /** Whether a named condition holds; Unresolved when it depends on unknown input. */
  conditionHolds(name: string): boolean | Unresolved {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const declaration = this.template.Conditions[name];
    if (declaration === undefined) {
      return new Unresolved(`!Condition ${name} (not declared)`);
    }
    // Guard against a condition that refers to itself.
    this.conditionCache.set(name, new Unresolved(`!Condition ${name}`));
    const value = this.resolveCondition(declaration);
    const result =
      typeof value === 'boolean' || value instanceof Unresolved
        ? value
        : new Unresolved(`!Condition ${name}`);
    this.conditionCache.set(name, result);
    return result;
  }

  private resolveCondition(value: unknown): unknown {
    if (isRecord(value) && typeof value.Condition === 'string') {
      return this.conditionHolds(value.Condition);
    }
    return this.resolve(value);
  }

  /** What Ref / GetAtt of a resource of the template return. */
  identityOf(logicalId: string): ResourceIdentity | Unresolved {
    const cached = this.identityCache.get(logicalId);
    if (cached) return cached;
    if (this.identifying.has(logicalId)) {
      return new Unresolved(`circular reference to ${logicalId}`);
    }
    this.identifying.add(logicalId);
    try {
      const identity = this.identify(logicalId, v => this.resolve(v));
      this.identityCache.set(logicalId, identity);
      return identity;
    } finally {
      this.identifying.delete(logicalId);
    }
  }

  private ref(name: string): unknown {
    const { accountId, region, partition, stackName } = this.env;
    switch (name) {
      case 'AWS::AccountId':
        return accountId;
      case 'AWS::Region':
        return region;
      case 'AWS::Partition':
        return partition;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return stackName;
      case 'AWS::StackId':
        return `arn:${partition}:cloudformation:${region}:${accountId}:stack/${stackName}/00000000-0000-0000-0000-000000000000`;
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return NO_VALUE;
      default:
    }
    const parameter = this.template.Parameters[name];
    if (parameter) return this.parameterValue(name, parameter);
    if (this.template.Resources[name]) {
      const identity = this.identityOf(name);
      return identity instanceof Unresolved ? identity : identity.ref;
    }
    return new Unresolved(`!Ref ${name} (not declared)`);
  }

  private parameterValue(
    name: string,
    parameter: { Type?: string; Default?: unknown },
  ): unknown {
    const type = parameter.Type ?? 'String';
    if (parameter.Default === undefined || parameter.Default === null) {
      return new Unresolved(`!Ref ${name} (a parameter without a default)`);
    }
    if (SSM_PARAMETER_TYPE.test(type)) {
      return new Unresolved(`!Ref ${name} (read from SSM at deploy)`);
    }
    if (type === 'Number') return Number(parameter.Default);
    if (type.startsWith('List<') || type === 'CommaDelimitedList') {
      return Array.isArray(parameter.Default)
        ? parameter.Default.map(String)
        : String(parameter.Default)
            .split(',')
            .map(s => s.trim())
            .filter(s => s.length > 0);
    }
    return String(parameter.Default);
  }

  private getAtt(logicalId: string, attribute: string): unknown {
    if (!this.template.Resources[logicalId]) {
      return new Unresolved(`!GetAtt ${logicalId}.${attribute} (not declared)`);
    }
    const identity = this.identityOf(logicalId);
    if (identity instanceof Unresolved) return identity;
    if (attribute in identity.attributes) return identity.attributes[attribute];
    return new Unresolved(`!GetAtt ${logicalId}.${attribute}`);
  }

  private callFunction(
    name: string,
    arg: unknown,
    whole: Record<string, unknown>,
  ): unknown {
    const unresolved = () => new Unresolved(describeExpression(whole));
    switch (name) {
      case 'Ref':
        return typeof arg === 'string' ? this.ref(arg) : unresolved();
      case 'Fn::GetAtt': {
        const parts =
          typeof arg === 'string'
            ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)]
            : arg;
        if (!Array.isArray(parts) || parts.length !== 2) return unresolved();
        const attribute = this.resolve(parts[1]);
        if (typeof parts[0] !== 'string' || typeof attribute !== 'string') {
          return unresolved();
        }
        return this.getAtt(parts[0], attribute);
      }
      case 'Fn::Sub':
        return this.sub(arg, unresolved);
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2) return unresolved();
        const list = this.resolve(arg[1]);
        if (!Array.isArray(list) || typeof arg[0] !== 'string') {
          return unresolved();
        }
        if (!list.every(v => typeof v === 'string' || typeof v === 'number')) {
          return unresolved();
        }
        return list.join(arg[0]);
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) return unresolved();
        const index = Number(this.resolve(arg[0]));
        const list = this.resolve(arg[1]);
        if (!Array.isArray(list) || !Number.isInteger(index)) {
          return unresolved();
        }
        return index >= 0 && index < list.length ? list[index] : unresolved();
      }
      case 'Fn::Split': {
        if (!Array.isArray(arg) || arg.length !== 2) return unresolved();
        const text = this.resolve(arg[1]);
        if (typeof arg[0] !== 'string' || typeof text !== 'string') {
          return unresolved();
        }
        return text.split(arg[0]);
      }
      case 'Fn::FindInMap':
        return this.findInMap(arg, unresolved);
      case 'Fn::If': {
        if (!Array.isArray(arg) || arg.length !== 3) return unresolved();
        if (typeof arg[0] !== 'string') return unresolved();
        const holds = this.conditionHolds(arg[0]);
        if (holds instanceof Unresolved) return unresolved();
        return this.resolve(holds ? arg[1] : arg[2]);
      }
      case 'Fn::Equals': {
        if (!Array.isArray(arg) || arg.length !== 2) return unresolved();
        const [a, b] = arg.map(v => this.resolve(v));
        if (a instanceof Unresolved || b instanceof Unresolved) {
          return unresolved();
        }
        return JSON.stringify(scalarize(a)) === JSON.stringify(scalarize(b));
      }
      case 'Fn::Not': {
        const value = Array.isArray(arg)
          ? this.resolveCondition(arg[0])
          : undefined;
        return typeof value === 'boolean' ? !value : unresolved();
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (!Array.isArray(arg)) return unresolved();
        const values = arg.map(v => this.resolveCondition(v));
        const decisive = name === 'Fn::Or';
        if (values.some(v => v === decisive)) return decisive;
        return values.every(v => typeof v === 'boolean')
          ? !decisive
          : unresolved();
      }
      case 'Fn::Base64': {
        const text = this.resolve(arg);
        return typeof text === 'string'
          ? Buffer.from(text, 'utf8').toString('base64')
          : unresolved();
      }
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map(suffix => `${this.env.region}${suffix}`);
      default:
        // Fn::ImportValue, Fn::Cidr, Fn::Transform, language extensions...
        return unresolved();
    }
  }

  private sub(arg: unknown, unresolved: () => Unresolved): unknown {
    const [text, variables] = Array.isArray(arg) ? arg : [arg, {}];
    if (typeof text !== 'string' || !isRecord(variables)) return unresolved();
    let failed = false;
    const result = text.replace(/\$\{([^}]*)\}/g, (_match, inner: string) => {
      const name = inner.trim();
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      let value: unknown;
      if (name in variables) {
        value = this.resolve(variables[name]);
      } else if (name.includes('.') && !name.startsWith('AWS::')) {
        const dot = name.indexOf('.');
        value = this.getAtt(name.slice(0, dot), name.slice(dot + 1));
      } else {
        value = this.ref(name);
      }
      if (typeof value === 'string' || typeof value === 'number') {
        return String(value);
      }
      failed = true;
      return '';
    });
    return failed ? unresolved() : result;
  }

  private findInMap(arg: unknown, unresolved: () => Unresolved): unknown {
    if (!Array.isArray(arg) || arg.length < 3) return unresolved();
    const keys = arg.slice(0, 3).map(v => this.resolve(v));
    if (!keys.every(k => typeof k === 'string' || typeof k === 'number')) {
      return unresolved();
    }
    const [mapName, top, second] = keys.map(String);
    const map = this.template.Mappings[mapName];
    const level = isRecord(map) ? map[top] : undefined;
    if (isRecord(level) && second in level) return this.resolve(level[second]);
    const fallback = arg[3];
    if (isRecord(fallback) && 'DefaultValue' in fallback) {
      return this.resolve(fallback.DefaultValue);
    }
    return unresolved();
  }
}

function scalarize(value: unknown): unknown {
  return typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : value;
}
