import { isRecord, Unresolved } from './intrinsics';

type Props = Record<string, unknown>;

/**
 * A member of a resolved value: the value itself when the whole of it is
 * known only at deploy (so that whatever is read under it stays unresolved,
 * never absent), the member of an object, otherwise nothing.
 */
function member(value: unknown, key: string): unknown {
  if (value instanceof Unresolved) return value;
  return isRecord(value) ? value[key] : undefined;
}

/** The object without its undefined members (what a Describe response omits). */
function defined(value: Props): Props {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  );
}

/** An `AutoMLChannel` (V1) as DescribeAutoMLJobV2 reports it (`AutoMLJobChannel`). */
function channelV2(channel: unknown): unknown {
  if (!isRecord(channel)) return channel;
  return defined({
    ChannelType: channel.ChannelType,
    ContentType: channel.ContentType,
    CompressionType: channel.CompressionType,
    DataSource: channel.DataSource,
  });
}

function inputDataConfigV2(input: unknown): unknown {
  return Array.isArray(input) ? input.map(channelV2) : input;
}

/**
 * V1 names the target column on each channel; V2 once, in the tabular job
 * config. The training channel's (`ChannelType` omitted means training).
 */
function targetAttributeName(input: unknown): unknown {
  if (!Array.isArray(input)) return member(input, 'TargetAttributeName');
  const training =
    input.find(
      channel =>
        channel instanceof Unresolved ||
        (isRecord(channel) &&
          (channel.ChannelType === undefined ||
            channel.ChannelType === 'training')),
    ) ?? input[0];
  return member(training, 'TargetAttributeName');
}

/**
 * `AWS::SageMaker::AutoMLJob` declares the CreateAutoMLJob (V1) request; a
 * live scan reads DescribeAutoMLJobV2, which reports a V1 job in the V2
 * shape (the same moves as AWS's "Migrate a CreateAutoMLJob to
 * CreateAutoMLJobV2"):
 *
 * - `AutoMLJobConfig.SecurityConfig` → `SecurityConfig` (volume key,
 *   inter-container encryption, VPC), `AutoMLJobConfig.DataSplitConfig` →
 *   `DataSplitConfig`;
 * - `InputDataConfig[]` → `AutoMLJobInputDataConfig[]` (the channels less
 *   their `TargetAttributeName`);
 * - `ProblemType`, `GenerateCandidateDefinitionsOnly`, the target column and
 *   `AutoMLJobConfig.{CompletionCriteria, Mode, CandidateGenerationConfig}` →
 *   `AutoMLProblemTypeConfig.TabularJobConfig` (V1 jobs are tabular);
 * - `OutputDataConfig`, `RoleArn`, `AutoMLJobObjective`: the same names.
 *
 * A part known only at deploy stays unresolved at every V2 field taken from
 * it, so that a check reading that field is unknown, never a pass or a fail.
 * CloudFormation declares no name property (the name is generated), so the
 * name is the resource's identity.
 */
export function describeAutoMLJob(
  {
    AutoMLJobConfig,
    InputDataConfig,
    ProblemType,
    GenerateCandidateDefinitionsOnly,
    ...rest
  }: Props,
  { name, arn }: { name: string; arn: string },
): Props {
  const candidates = member(AutoMLJobConfig, 'CandidateGenerationConfig');
  const algorithms = member(candidates, 'AlgorithmsConfig');
  const tabular = defined({
    CandidateGenerationConfig:
      algorithms === undefined ? undefined : { AlgorithmsConfig: algorithms },
    CompletionCriteria: member(AutoMLJobConfig, 'CompletionCriteria'),
    FeatureSpecificationS3Uri: member(candidates, 'FeatureSpecificationS3Uri'),
    Mode: member(AutoMLJobConfig, 'Mode'),
    GenerateCandidateDefinitionsOnly,
    ProblemType,
    TargetAttributeName: targetAttributeName(InputDataConfig),
  });
  return defined({
    ...rest,
    AutoMLJobName: name,
    AutoMLJobArn: arn,
    AutoMLJobInputDataConfig: inputDataConfigV2(InputDataConfig),
    AutoMLProblemTypeConfigName: 'Tabular',
    AutoMLProblemTypeConfig: { TabularJobConfig: tabular },
    SecurityConfig: member(AutoMLJobConfig, 'SecurityConfig'),
    DataSplitConfig: member(AutoMLJobConfig, 'DataSplitConfig'),
  });
}
