import { caseRows, CheckCase, runCase } from '../../testing/checkCases';
import {
  bucket,
  collectionError,
  domain,
  endpointConfig,
} from '../../testing/fixtures';
import { bucketsUsed } from './links';

/** The capture bucket's policy could not be read (denied). */
const deniedCaptureBucket = bucket('capture-bucket', { policy: undefined }, [
  collectionError('s3:GetBucketPolicy', { field: 'policy' }),
]);
const capture = (config: Record<string, unknown>) =>
  endpointConfig({
    DataCaptureConfig: {
      DestinationS3Uri: 's3://capture-bucket/endpoint/',
      InitialSamplingPercentage: 100,
      ...config,
    },
  });
const sharing = (option: string) =>
  domain({
    DefaultUserSettings: {
      SharingSettings: {
        NotebookOutputOption: option,
        S3OutputPath: 's3://sharing-bucket/notebooks/',
      },
    },
  });

const CASES: CheckCase[] = [
  {
    check: 's3-buckets-secure-transport',
    name: 'the data-capture bucket of an endpoint config whose capture is disabled is not judged, even with its policy denied (was unknown)',
    resource: capture({ EnableCapture: false }),
    facts: [deniedCaptureBucket],
    expect: 'not_applicable',
  },
  {
    check: 's3-buckets-secure-transport',
    name: 'the data-capture bucket of an endpoint config whose capture is disabled is not judged, even with no policy (was pass/fail)',
    resource: capture({ EnableCapture: false }),
    facts: [bucket('capture-bucket', { policy: null })],
    expect: 'not_applicable',
  },
  {
    check: 's3-buckets-sse-kms',
    name: 'nor is its encryption',
    resource: capture({ EnableCapture: false }),
    facts: [bucket('capture-bucket', { encryption: null })],
    expect: 'not_applicable',
  },
  {
    check: 's3-buckets-secure-transport',
    name: 'a capture configuration without EnableCapture does not capture',
    resource: capture({}),
    facts: [deniedCaptureBucket],
    expect: 'not_applicable',
  },
  {
    check: 's3-buckets-secure-transport',
    name: 'with capture enabled, the capture bucket is judged: no policy fails',
    resource: capture({ EnableCapture: true }),
    facts: [bucket('capture-bucket', { policy: null })],
    expect: 'fail',
  },
  {
    check: 's3-buckets-secure-transport',
    name: 'with capture enabled, a denied policy is unknown',
    resource: capture({ EnableCapture: true }),
    facts: [deniedCaptureBucket],
    expect: 'unknown',
    missing: ['s3:GetBucketPolicy'],
  },
  {
    check: 's3-buckets-secure-transport',
    name: 'capture disabled, asynchronous output still judged on its own bucket',
    resource: endpointConfig({
      DataCaptureConfig: {
        EnableCapture: false,
        DestinationS3Uri: 's3://capture-bucket/endpoint/',
      },
      AsyncInferenceConfig: {
        OutputConfig: { S3OutputPath: 's3://async-bucket/out/' },
      },
    }),
    facts: [deniedCaptureBucket, bucket('async-bucket')],
    expect: 'pass',
  },
  {
    check: 's3-buckets-secure-transport',
    name: 'the notebook-sharing bucket of a domain whose sharing is disabled is not judged',
    resource: sharing('Disabled'),
    facts: [bucket('sharing-bucket', { policy: null })],
    expect: 'not_applicable',
  },
  {
    check: 's3-buckets-secure-transport',
    name: 'the notebook-sharing bucket of a domain whose sharing is allowed is judged',
    resource: sharing('Allowed'),
    facts: [bucket('sharing-bucket', { policy: null })],
    expect: 'fail',
  },
];

describe('links: a linked resource is judged only while the link is in use', () => {
  it.each(caseRows(CASES))('%s', (_, item) => {
    const { actual, expected } = runCase(item);
    expect(actual).toEqual(expected);
  });

  it('names only the buckets in use', () => {
    expect(bucketsUsed(capture({ EnableCapture: false }))).toEqual([]);
    expect(bucketsUsed(capture({ EnableCapture: true }))).toEqual([
      { value: 'capture-bucket', path: 'DataCaptureConfig.DestinationS3Uri' },
    ]);
    expect(bucketsUsed(sharing('Disabled'))).toEqual([]);
    expect(bucketsUsed(sharing('Allowed')).map(b => b.value)).toEqual([
      'sharing-bucket',
    ]);
  });
});
