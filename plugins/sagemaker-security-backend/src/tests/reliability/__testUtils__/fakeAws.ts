/**
 * An AWS-compatible endpoint on 127.0.0.1 that denies every call and, like
 * the worst real error messages, echoes the request's credentials (the
 * Authorization header names the access key ID) back in the message.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startEchoingAws(): Promise<{
  url: string;
  requests: number;
  close: () => Promise<void>;
}> {
  const state = { requests: 0 };
  const server = http.createServer((req, res) => {
    state.requests += 1;
    req.resume();
    req.on('end', () => {
      const echo = `${req.headers.authorization ?? ''} ${
        req.headers['x-amz-security-token'] ?? ''
      }`;
      res.writeHead(400, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-errortype': 'AccessDeniedException',
        'x-amzn-requestid': 'echo',
      });
      res.end(
        JSON.stringify({
          __type: 'AccessDeniedException',
          message: `User is not authorized. Request signed with: ${echo}`,
        }),
      );
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}
