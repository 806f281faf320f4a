import {
  DescribeFlowDefinitionCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { AwsSimulator } from '../simulator/AwsSimulator';
import { toPlain } from './plain';

const ACCOUNT = '123456789012';
const KEY = 'AKIAPLAINTEST0000001';
const CONDITIONS = JSON.stringify({
  Conditions: [
    {
      ConditionType: 'Sampling',
      ConditionParameters: { RandomSamplingPercentage: 5 },
    },
  ],
});

describe('toPlain (what the collector stores of an SDK output)', () => {
  it('keeps a JSON-document member the SDK deserializes as a string object as the string AWS sent, and dates as ISO strings', async () => {
    const simulator = new AwsSimulator(
      { name: 'plain', accounts: [{ accountId: ACCOUNT, regions: [] }] },
      { accessKeys: { [KEY]: ACCOUNT } },
    );
    simulator.intercept(async () => ({
      FlowDefinitionArn: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:flow-definition/review`,
      FlowDefinitionName: 'review',
      FlowDefinitionStatus: 'Active',
      CreationTime: new Date('2025-05-20T09:00:00Z'),
      HumanLoopActivationConfig: {
        HumanLoopActivationConditionsConfig: {
          HumanLoopActivationConditions: CONDITIONS,
        },
      },
      OutputConfig: { S3OutputPath: 's3://review/out/' },
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/review`,
    }));
    const client = new SageMakerClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: KEY, secretAccessKey: 'plain' },
      requestHandler: simulator,
      maxAttempts: 1,
    });
    const output = await client.send(
      new DescribeFlowDefinitionCommand({ FlowDefinitionName: 'review' }),
    );
    client.destroy();

    const stored = toPlain(output) as Record<string, any>;
    expect(
      stored.HumanLoopActivationConfig.HumanLoopActivationConditionsConfig
        .HumanLoopActivationConditions,
    ).toBe(CONDITIONS);
    expect(stored.CreationTime).toBe('2025-05-20T09:00:00.000Z');
    expect(stored).not.toHaveProperty('$metadata');
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
  });
});
