import { collectionError } from '../../testing/fixtures';
import { CheckCase } from '../../testing/checkCases';
import { trackingServer } from '../iam/mlflow.cases';

const CHECK = 'mlflow-tracking-server-automatic-model-registration-disabled';

export const mlflowResilienceCases: CheckCase[] = [
  {
    check: CHECK,
    name: 'disabled',
    resource: trackingServer(),
    expect: 'pass',
  },
  {
    check: CHECK,
    name: 'absent (AWS defaults it to false)',
    resource: trackingServer({ AutomaticModelRegistration: undefined }),
    expect: 'pass',
  },
  {
    check: CHECK,
    name: 'enabled',
    resource: trackingServer({ AutomaticModelRegistration: true }),
    expect: 'fail',
    message: /automatic model registration is true/,
  },
  {
    check: CHECK,
    name: 'describe denied',
    resource: trackingServer({}, [
      collectionError('sagemaker:DescribeMlflowTrackingServer'),
    ]),
    expect: 'unknown',
    missing: ['sagemaker:DescribeMlflowTrackingServer'],
  },
];
