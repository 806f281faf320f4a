/**
 * What a classified error may say: an allow-list of fields, AWS's text only
 * in a known shape, and no value the account's clients sign with, whatever
 * an endpoint echoes back.
 */
import { ListModelsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { queryError, startAwsWire } from '../__testUtils__/awsWire';
import { calls, config, SECRET } from '../__testUtils__/sdkCalls';
import { classifyError, InvalidResponseError, required } from './errors';
import { SecretValues, tagWithSecrets } from './safeText';

describe('what a classified error may say', () => {
  it('never repeats what an echoing endpoint sends back: key ID, token, body', async () => {
    const secrets = new SecretValues();
    secrets.remember('testing', SECRET, 'FwoGZXIvYXdzEBYaDSESSIONTOKEN');
    const wire = await startAwsWire(r => ({
      status: 400,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({
        // The key ID as the error code, everything sent in the message.
        __type: 'testing',
        message: `Denied: ${r.headers.authorization} ${r.headers['x-amz-security-token']} ${r.body}`,
      }),
    }));
    try {
      const error = await new SageMakerClient({
        ...config(wire.url, 1),
        credentials: {
          accessKeyId: 'testing',
          secretAccessKey: SECRET,
          sessionToken: 'FwoGZXIvYXdzEBYaDSESSIONTOKEN',
        },
      })
        .send(new ListModelsCommand({ NameContains: 'ExternalId-sEcReT' }))
        .catch(e => e);
      tagWithSecrets(error, secrets);
      const classified = classifyError(error, 'sagemaker:ListModels');
      const text = JSON.stringify(classified);
      for (const secret of [
        'testing',
        'FwoGZXIvYXdzEBYaDSESSIONTOKEN',
        'sEcReT',
        'Credential=',
      ]) {
        expect({ secret, leaked: text.includes(secret) }).toEqual({
          secret,
          leaked: false,
        });
      }
      expect(classified).toEqual({
        kind: 'other',
        action: 'sagemaker:ListModels',
        message: 'sagemaker:ListModels failed (HTTP 400)',
      });
    } finally {
      await wire.close();
    }
  });

  it('redacts a known value from the access-denied sentence it keeps', async () => {
    const secrets = new SecretValues();
    secrets.remember('testing');
    const wire = await startAwsWire(() =>
      queryError(
        403,
        'AccessDenied',
        'User: arn:aws:iam::123456789012:user/testing is not authorized to perform: iam:GetRole on resource: role r',
      ),
    );
    try {
      const error = await calls['iam:GetRole'](wire.url, 1).catch(e => e);
      tagWithSecrets(error, secrets);
      expect(classifyError(error, 'iam:GetRole').message).toBe(
        'Not authorized to perform iam:GetRole (HTTP 403): User: arn:aws:iam::123456789012:user/[redacted] is not authorized to perform: iam:GetRole on resource: role r',
      );
    } finally {
      await wire.close();
    }
  });

  it('keeps a malformed answer found by the collector as invalid_response', () => {
    expect(() => required(undefined, 'Role')).toThrow(InvalidResponseError);
    expect(
      classifyError(
        new InvalidResponseError('The response has no Role'),
        'iam:GetRole',
      ),
    ).toEqual({
      kind: 'invalid_response',
      action: 'iam:GetRole',
      code: 'InvalidResponseError',
      message:
        'The answer to iam:GetRole is malformed: The response has no Role',
    });
  });
});
