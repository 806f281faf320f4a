/**
 * Routes of findings from other tools (findings/): the Prowler upload and
 * the read per entity. Every route needs user or service credentials and is
 * permission-checked by ExternalFindingsService.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import express, { RequestHandler } from 'express';
import { parseEntityRefInput } from '../catalog/entityRefs';
import type { ExternalFindingsService } from '../findings/ExternalFindingsService';
import {
  megabytes,
  PayloadTooLargeError,
} from '../findings/prowler/parseProwlerUpload';

/** The upload's path (its body is read as a stream by the route, not parsed by express.json). */
export const PROWLER_UPLOAD_PATH = '/findings/prowler';

/** The routes of the typed OpenAPI router this file adds to. */
interface FindingsRouter {
  get(
    path: '/external-findings',
    handler: RequestHandler<any, any, any, any>,
  ): unknown;
  post(
    path: '/findings/prowler',
    handler: RequestHandler<any, any, any, any>,
  ): unknown;
}

/** `express.json()` for every route but the upload. */
export function jsonExceptUploads(): RequestHandler {
  const json = express.json();
  return (req, res, next) =>
    req.method === 'POST' && req.path === PROWLER_UPLOAD_PATH
      ? next()
      : json(req, res, next);
}

export function registerFindingsRoutes(
  router: FindingsRouter,
  options: {
    findings: ExternalFindingsService;
    credentialsOf: (req: express.Request) => Promise<BackstageCredentials>;
  },
): void {
  const { findings, credentialsOf } = options;

  router.get('/external-findings', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = parseEntityRefInput(req.query.entityRef);
    res.json(await findings.forEntity(entityRef, credentials));
  });

  router.post(PROWLER_UPLOAD_PATH, async (req, res) => {
    const credentials = await credentialsOf(req);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > findings.maxUploadBytes) {
      // Refused before a byte is read; the connection is not reused.
      res.set('Connection', 'close');
      throw new PayloadTooLargeError(
        `body: the upload (${megabytes(
          declared,
        )}) is larger than the limit of ${megabytes(
          findings.maxUploadBytes,
        )} (sagemakerSecurity.findings.prowler.maxUploadMegabytes)`,
      );
    }
    res.json(await findings.importProwler(req, credentials));
  });
}
