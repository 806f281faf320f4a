import type { EstateFault } from './estate';
import type { Handler, SimScope } from './handlers/types';

/** Every string in a request (deep), to match a fault's target against. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach(v => strings(v, out));
  else if (value && typeof value === 'object')
    Object.values(value).forEach(v => strings(v, out));
  return out;
}

/**
 * A target matches a request value that is it, or its name/ID tail; the
 * account's own ID matches every call of the action in the account (calls
 * that name no resource, e.g. iam:GetAccountAuthorizationDetails).
 */
function targets(
  fault: EstateFault,
  input: unknown,
  accountId: string,
): boolean {
  if (!fault.target || fault.target === accountId) return true;
  const t = fault.target;
  return strings(input).some(
    v => v === t || t.endsWith(`/${v}`) || t.endsWith(`:${v}`),
  );
}

/** Decides which estate fault, if any, a call runs into (honouring `times`). */
export class FaultInjector {
  private readonly used = new Map<EstateFault, number>();

  constructor(private readonly faults: (accountId: string) => EstateFault[]) {}

  match(
    accountId: string,
    region: string,
    action: string,
    input: unknown,
  ): EstateFault | undefined {
    const fault = this.faults(accountId).find(
      f =>
        f.action === action &&
        (!f.region || f.region === region) &&
        targets(f, input, accountId) &&
        (f.times === undefined || (this.used.get(f) ?? 0) < f.times),
    );
    if (fault) this.used.set(fault, (this.used.get(fault) ?? 0) + 1);
    return fault;
  }
}

/** Output with its policy document corrupted, for actions that return one. */
export function corruptDocument(action: string, output: any): any | undefined {
  const bad = '%7B%22Statement%22%3A%5B%7B%22Effect'; // truncated, URL-encoded
  const badJson = '{"Statement": [{"Effect": ';
  switch (action) {
    case 'iam:GetRole':
      return {
        ...output,
        Role: { ...output.Role, AssumeRolePolicyDocument: bad },
      };
    case 'iam:GetPolicyVersion':
      return {
        ...output,
        PolicyVersion: { ...output.PolicyVersion, Document: bad },
      };
    case 'iam:GetRolePolicy':
      return { ...output, PolicyDocument: bad };
    case 'kms:GetKeyPolicy':
    case 's3:GetBucketPolicy':
      return { ...output, Policy: badJson };
    case 'ec2:DescribeVpcEndpoints':
      return {
        ...output,
        VpcEndpoints: output.VpcEndpoints.map((e: any) => ({
          ...e,
          PolicyDocument: badJson,
        })),
      };
    default:
      return undefined;
  }
}

/**
 * The answer of an endpoint that misreads `LastModifiedTimeAfter`: a
 * listing filtered by it lists nothing; an unfiltered one is answered.
 */
export function misreadModifiedFilter(
  handler: Handler | undefined,
  call: { input: any; scope: SimScope },
): object {
  if (!handler)
    throw new Error('MisreadsModifiedFilter on an action not simulated');
  const output = handler(call.input, call.scope) as Record<string, unknown>;
  if (call.input?.LastModifiedTimeAfter === undefined) return output;
  const empty: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(output)) {
    if (key === 'NextToken') continue;
    empty[key] = Array.isArray(value) ? [] : value;
  }
  return empty;
}
