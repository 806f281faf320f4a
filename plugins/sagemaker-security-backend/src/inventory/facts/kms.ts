import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KeyMetadata,
  paginateListAliases,
} from '@aws-sdk/client-kms';
import type {
  KmsKeyFact,
  RelatedFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { attempt, required } from '../aws/errors';
import type { CollectContext } from '../collectors/context';
import { FactsContext, mustRead } from '../changes/plan';
import { partitionOf } from './arns';
import { parsePolicyDocument } from './policyDocument';

const KEY_ARN = /^arn:[\w-]+:kms:([\w-]+):(\d{12}):key\/(.+)$/;
const ALIAS_ARN = /^arn:[\w-]+:kms:([\w-]+):(\d{12}):(alias\/.+)$/;

interface KeyLocation {
  arn: string;
  region: string;
  accountId: string;
}

/** ListAliases of the target's region, stored as the `kms-aliases` fact. */
async function readAliases(ctx: CollectContext) {
  const { accountId, region } = ctx.target;
  const fact: RelatedFact<'kms-aliases'> = {
    kind: 'kms-aliases',
    key: '-',
    accountId,
    region,
    errors: [],
  };
  const listed = await attempt(
    'kms:ListAliases',
    { target: `${accountId}/${region}` },
    async () => {
      const aliases: Record<string, string> = {};
      for await (const page of paginateListAliases(
        { client: ctx.clients.kms(region) },
        {},
      )) {
        for (const a of page.Aliases ?? []) {
          if (a.AliasName && a.TargetKeyId)
            aliases[a.AliasName] = a.TargetKeyId;
        }
      }
      return aliases;
    },
  );
  if (listed.ok) fact.data = { aliases: listed.value };
  else {
    fact.errors.push(listed.error);
    ctx.report.record(listed.error);
  }
  await ctx.store.upsertFacts([fact], ctx.seenAt);
  return fact.data?.aliases;
}

function keyArn(region: string, accountId: string, keyId: string) {
  return `arn:${partitionOf(region)}:kms:${region}:${accountId}:key/${keyId}`;
}

/** Resolves a key reference (ID, key ARN, alias name or alias ARN) to a key ARN when possible. */
function locate(
  ref: string,
  ctx: CollectContext,
  aliases: Record<string, string> | undefined,
): KeyLocation | { unresolved: string; region: string; accountId: string } {
  const { accountId, region } = ctx.target;
  const asKey = KEY_ARN.exec(ref);
  if (asKey) return { arn: ref, region: asKey[1], accountId: asKey[2] };
  const asAliasArn = ALIAS_ARN.exec(ref);
  let alias: string | undefined;
  if (asAliasArn) alias = asAliasArn[3];
  else if (ref.startsWith('alias/')) alias = ref;
  const where = asAliasArn
    ? { region: asAliasArn[1], accountId: asAliasArn[2] }
    : { region, accountId };
  if (alias) {
    const local = where.region === region && where.accountId === accountId;
    const target = local ? aliases?.[alias] : undefined;
    if (target)
      return { arn: keyArn(region, accountId, target), region, accountId };
    return {
      unresolved: asAliasArn
        ? ref
        : `arn:${partitionOf(region)}:kms:${region}:${accountId}:${alias}`,
      ...where,
    };
  }
  return { arn: keyArn(region, accountId, ref), region, accountId };
}

async function readKey(
  ctx: CollectContext,
  loc: KeyLocation,
  aliases: Record<string, string> | undefined,
  known?: KeyMetadata,
): Promise<RelatedFact<'kms-key'>> {
  const kms = ctx.clients.kms(loc.region);
  const fact: RelatedFact<'kms-key'> = {
    kind: 'kms-key',
    key: loc.arn,
    accountId: loc.accountId,
    region: loc.region,
    errors: [],
  };
  let meta = known;
  if (!meta) {
    const described = await attempt(
      'kms:DescribeKey',
      { target: loc.arn },
      async () =>
        required(
          (
            await kms.send(new DescribeKeyCommand({ KeyId: loc.arn }))
          ).KeyMetadata,
          'KeyMetadata',
        ),
    );
    if (!described.ok) {
      fact.errors.push(described.error);
      return fact;
    }
    meta = described.value;
  }
  const keyId = String(meta?.KeyId ?? loc.arn.split('/').pop());
  const data: KmsKeyFact = {
    keyId,
    arn: loc.arn,
    keyManager: meta?.KeyManager as KmsKeyFact['keyManager'],
    keyState: meta?.KeyState,
    enabled: meta?.Enabled,
    origin: meta?.Origin,
    keySpec: meta?.KeySpec,
    aliases:
      loc.region === ctx.target.region &&
      loc.accountId === ctx.target.accountId &&
      aliases
        ? Object.keys(aliases).filter(a => aliases[a] === keyId)
        : undefined,
  };
  if (data.keyManager === 'AWS') {
    data.rotationEnabled = true; // AWS-managed keys rotate yearly by design.
  } else {
    const rotation = await attempt(
      'kms:GetKeyRotationStatus',
      { target: loc.arn, field: 'rotationEnabled' },
      async () =>
        required(
          (
            await kms.send(new GetKeyRotationStatusCommand({ KeyId: loc.arn }))
          ).KeyRotationEnabled,
          'KeyRotationEnabled',
        ),
    );
    if (rotation.ok) data.rotationEnabled = rotation.value;
    else fact.errors.push(rotation.error);
  }
  const policy = await attempt(
    'kms:GetKeyPolicy',
    { target: loc.arn, field: 'keyPolicy' },
    async () => {
      const out = await kms.send(
        new GetKeyPolicyCommand({ KeyId: loc.arn, PolicyName: 'default' }),
      );
      return out.Policy
        ? parsePolicyDocument(out.Policy, { urlEncoded: false })
        : undefined;
    },
  );
  if (policy.ok) {
    if (policy.value) data.keyPolicy = policy.value;
  } else fact.errors.push(policy.error);
  fact.data = data;
  return fact;
}

/**
 * The region's aliases (stored as `kms-aliases`), read once per scan; the
 * stored ones when no event changed them.
 */
function aliasesOf(ctx: FactsContext) {
  const { accountId, region } = ctx.target;
  return ctx.facts.once(`kms-aliases|${accountId}|${region}`, async () => {
    if (await mustRead(ctx, 'kms-aliases', accountId, region, '-'))
      return readAliases(ctx);
    return ctx.changes?.storedFact('kms-aliases', accountId, region, '-')?.data
      ?.aliases;
  });
}

async function storeKeyFact(ctx: CollectContext, fact: RelatedFact) {
  fact.errors.forEach(e => ctx.report.record(e));
  await ctx.store.upsertFacts([fact], ctx.seenAt);
}

/** Resolves one key reference and stores its `kms-key` fact, once per scan. */
export async function collectKey(
  ctx: FactsContext,
  ref: string,
): Promise<void> {
  const aliases = await aliasesOf(ctx);
  const loc = locate(ref, ctx, aliases);
  if ('arn' in loc) {
    if (!(await mustRead(ctx, 'kms-key', loc.accountId, loc.region, loc.arn)))
      return;
    await ctx.facts.once(`kms-key|${loc.arn}`, async () =>
      storeKeyFact(ctx, await readKey(ctx, loc, aliases)),
    );
    return;
  }
  // An alias we could not resolve locally: DescribeKey resolves it.
  await ctx.facts.once(`kms-ref|${loc.unresolved}`, async () => {
    const described = await attempt(
      'kms:DescribeKey',
      { target: loc.unresolved },
      async () => {
        const out = await ctx.clients
          .kms(loc.region)
          .send(new DescribeKeyCommand({ KeyId: loc.unresolved }));
        const meta = required(out.KeyMetadata, 'KeyMetadata');
        required(meta.Arn, 'KeyMetadata.Arn');
        return meta;
      },
    );
    if (!described.ok) {
      await storeKeyFact(ctx, {
        kind: 'kms-key',
        key: loc.unresolved,
        accountId: loc.accountId,
        region: loc.region,
        errors: [described.error],
      });
      return;
    }
    const meta = described.value;
    const arn = String(meta.Arn);
    const found = {
      arn,
      region: arn.split(':')[3] ?? loc.region,
      accountId: arn.split(':')[4] ?? loc.accountId,
    };
    await ctx.facts.once(`kms-key|${arn}`, async () =>
      storeKeyFact(ctx, await readKey(ctx, found, aliases, meta)),
    );
  });
}

/** Stores `kms-aliases` for the region and a `kms-key` fact per referenced key, once per scan. */
export async function collectKms(ctx: FactsContext): Promise<void> {
  await aliasesOf(ctx);
  await Promise.all([...ctx.refs.kmsKeys].map(ref => collectKey(ctx, ref)));
}
