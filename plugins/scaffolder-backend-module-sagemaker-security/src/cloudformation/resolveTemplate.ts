import { createIdentify } from './identities';
import {
  IntrinsicResolver,
  isRecord,
  StackEnvironment,
  Unresolved,
} from './intrinsics';
import { CloudFormationTemplate } from './parse';

/** A resource of a template, with its properties resolved. */
export interface ResolvedResource {
  file: string;
  logicalId: string;
  type: string;
  /** Resolved properties; values known only at deploy are `Unresolved`. */
  props: Record<string, unknown>;
  /** What Ref / GetAtt of it return. */
  ref: unknown;
  attributes: Record<string, unknown>;
}

/**
 * Resolves every resource that the template creates for the environment:
 * resources whose condition is false are left out; resources whose condition
 * depends on unknown input are kept, since they may be created.
 */
export function resolveTemplate(
  template: CloudFormationTemplate,
  env: StackEnvironment,
): ResolvedResource[] {
  const identify = createIdentify(template, env);
  const resolver = new IntrinsicResolver(template, env, identify);
  const resolved: ResolvedResource[] = [];
  for (const [logicalId, declaration] of Object.entries(template.Resources)) {
    if (typeof declaration.Condition === 'string') {
      if (resolver.conditionHolds(declaration.Condition) === false) continue;
    }
    const props = resolver.resolve(declaration.Properties ?? {});
    const identity = resolver.identityOf(logicalId);
    resolved.push({
      file: template.file,
      logicalId,
      type: declaration.Type,
      props: isRecord(props) ? props : {},
      ref: identity instanceof Unresolved ? identity : identity.ref,
      attributes: identity instanceof Unresolved ? {} : identity.attributes,
    });
  }
  return resolved;
}
