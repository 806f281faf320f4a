import {
  classifyError,
  CredentialsUnavailableError,
  InvalidResponseError,
} from './errors';

const err = (name: string, message = 'boom', extra: object = {}) =>
  Object.assign(new Error(message), { name, ...extra });

describe('classifyError', () => {
  it.each([
    [err('AccessDeniedException'), 'access_denied'],
    [err('UnauthorizedOperation'), 'access_denied'],
    [new CredentialsUnavailableError('no creds'), 'access_denied'],
    [
      err('ThrottlingException', 'x', { $retryable: { throttling: true } }),
      'throttled',
    ],
    [err('RequestLimitExceeded'), 'throttled'],
    [err('Whatever', 'x', { $metadata: { httpStatusCode: 429 } }), 'throttled'],
    [err('NoSuchEntity'), 'not_found'],
    [err('InvalidGroup.NotFound'), 'not_found'],
    [err('ValidationException', 'Could not find model "m"'), 'not_found'],
    [err('ValidationException', '1 validation error detected'), 'other'],
    [err('OptInRequired'), 'region_disabled'],
    [err('UnrecognizedClientException'), 'region_disabled'],
    [new InvalidResponseError('bad json'), 'invalid_response'],
    [
      err('InternalFailure', 'x', { $metadata: { httpStatusCode: 500 } }),
      'other',
    ],
  ])('%s → %s', (error, kind) => {
    expect(classifyError(error, 'sagemaker:ListModels').kind).toBe(kind);
  });

  it('names the IAM action and never echoes an access key', () => {
    const error = classifyError(
      err(
        'AccessDenied',
        'The request signed with ASIAABCDEFGHIJKLMNOP was refused',
      ),
      'iam:GetRole',
      { target: 'arn:aws:iam::1:role/x', field: 'role' },
    );
    expect(error).toEqual({
      kind: 'access_denied',
      action: 'iam:GetRole',
      target: 'arn:aws:iam::1:role/x',
      field: 'role',
      code: 'AccessDenied',
      message:
        'Not authorized to perform iam:GetRole: The request signed with [redacted] was refused',
    });
  });
});
