/**
 * An AWS-compatible endpoint on 127.0.0.1 that denies every call and, like
 * the worst real error messages, echoes what it was sent back: the
 * Authorization header (the access key ID), the session token, the body
 * (AssumeRole's ExternalId) and the URL, in the error format of each
 * protocol (AWS JSON 1.1, JSON 1.0 awsQueryCompatible, Query, EC2 Query,
 * REST-XML), in the message, in an access-denied sentence naming the key,
 * and for CloudWatch Logs as the error code itself. STS lets the roles of
 * `assumable` accounts be assumed, with temporary credentials that are then
 * echoed in turn.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ec2Error,
  queryCompatibleJsonError,
  queryError,
  s3Error,
  WireAnswer,
} from '../../../inventory/__testUtils__/awsWire';

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

function answerTo(
  service: string,
  operation: string,
  echo: string,
  keyId: string,
  options: { assumable: string[]; temporary: TemporaryCredentials },
  body: string,
): WireAnswer {
  const sentence = (action: string) =>
    `User: arn:aws:iam::111122223333:user/${keyId} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action. Request signed with: ${echo}`;
  switch (service) {
    case 'sts': {
      const role = new URLSearchParams(body).get('RoleArn') ?? '';
      if (
        operation === 'AssumeRole' &&
        options.assumable.some(a => role.includes(`::${a}:`))
      ) {
        const t = options.temporary;
        return {
          status: 200,
          headers: { 'content-type': 'text/xml' },
          body: `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>${
            t.accessKeyId
          }</AccessKeyId><SecretAccessKey>${
            t.secretAccessKey
          }</SecretAccessKey><SessionToken>${
            t.sessionToken
          }</SessionToken><Expiration>${new Date(
            Date.now() + 3600_000,
          ).toISOString()}</Expiration></Credentials><AssumedRoleUser><Arn>${role}/backstage</Arn><AssumedRoleId>AROAECHO:backstage</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>echo</RequestId></ResponseMetadata></AssumeRoleResponse>`,
        };
      }
      return queryError(
        403,
        'AccessDenied',
        sentence(`sts:${operation}`),
        'https://sts.amazonaws.com/doc/2011-06-15/',
      );
    }
    case 'iam':
      return queryError(403, 'AccessDenied', sentence(`iam:${operation}`));
    case 'ec2':
      return ec2Error(
        403,
        'UnauthorizedOperation',
        sentence(`ec2:${operation}`),
      );
    case 's3':
      return s3Error(403, 'AccessDenied', `Access Denied. ${echo}`);
    case 'monitoring':
      return queryCompatibleJsonError(
        403,
        'AccessDeniedException',
        'AccessDenied',
        echo,
      );
    default:
      return {
        status: 400,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({
          // CloudWatch Logs answers with the key ID as its error code.
          __type: service === 'logs' ? keyId : 'AccessDeniedException',
          message: `${sentence(`${service}:${operation}`)}`,
        }),
      };
  }
}

export async function startEchoingAws(
  options: { assumable?: string[]; temporary?: TemporaryCredentials } = {},
): Promise<{
  url: string;
  requests: number;
  /** Every echo sent back, to show the secrets did come back. */
  echoes: string[];
  close: () => Promise<void>;
}> {
  const state = { requests: 0, echoes: [] as string[] };
  const server = http.createServer((req, res) => {
    state.requests += 1;
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const auth = String(req.headers.authorization ?? '');
      const scope = /Credential=([^/]*)\/\d{8}\/[^/]+\/([^/]+)\//.exec(auth);
      const target = req.headers['x-amz-target'];
      const operation =
        (typeof target === 'string' ? target.split('.').pop() : undefined) ??
        new URLSearchParams(body).get('Action') ??
        String(req.method);
      const echo = `${auth} ${req.headers['x-amz-security-token'] ?? ''} ${
        req.url
      } ${body}`;
      state.echoes.push(echo);
      const answer = answerTo(
        scope?.[2] ?? '',
        operation,
        echo,
        scope?.[1] ?? '',
        {
          assumable: options.assumable ?? [],
          temporary: options.temporary ?? {
            accessKeyId: 'ASIAECHOTEMPORARYKEY',
            secretAccessKey: 'echo-temporary-secret',
            sessionToken: 'echo-session-token',
          },
        },
        body,
      );
      res.writeHead(answer.status, {
        'x-amzn-requestid': 'echo',
        ...answer.headers,
      });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    echoes: state.echoes,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
