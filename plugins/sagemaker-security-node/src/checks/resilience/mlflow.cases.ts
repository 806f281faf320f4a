import { collectionError } from '../../testing/fixtures';
import { CheckCase } from '../../testing/checkCases';
import { mlflowApp, trackingServer } from '../iam/mlflow.cases';

const CHECK = 'mlflow-tracking-server-automatic-model-registration-disabled';
const APP_CHECK = 'mlflow-app-automatic-model-registration-disabled';

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

  {
    check: APP_CHECK,
    name: 'AutoModelRegistrationDisabled',
    resource: mlflowApp(),
    expect: 'pass',
  },
  {
    check: APP_CHECK,
    name: 'absent (AWS defaults it to disabled)',
    resource: mlflowApp({ ModelRegistrationMode: undefined }),
    expect: 'pass',
  },
  {
    check: APP_CHECK,
    name: 'AutoModelRegistrationEnabled',
    resource: mlflowApp({
      ModelRegistrationMode: 'AutoModelRegistrationEnabled',
    }),
    expect: 'fail',
  },
  {
    check: APP_CHECK,
    name: 'describe denied',
    resource: mlflowApp({}, [collectionError('sagemaker:DescribeMlflowApp')]),
    expect: 'unknown',
    missing: ['sagemaker:DescribeMlflowApp'],
  },
];
