import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ScanRunInfo,
  ScanTargetRef,
} from '@mlsec/plugin-sagemaker-security-common';
import express from 'express';
import type { InventoryStore } from '../inventory/InventoryStore';
import { normalizeRef, parseEntityRefInput } from '../catalog/entityRefs';
import { AuthorizedScorecardService } from '../service/AuthorizedScorecardService';
import type { HeldJson } from '../service/readCache';
import { createOpenApiRouter, spec } from '../schema/openapi';
import { streamFindings } from './exportStream';
import { principalName, requestedTargets } from '../service/scanRequest';
import { edgeValidator } from './edgeValidator';
import { registerWaiverRequestRoutes } from './waiverRequestRoutes';
import type { AuthorizedWaiverRequests } from '../service/AuthorizedWaiverRequests';

/** Starts scans; the inventory's ScanService implements it. */
export interface ScanTrigger {
  /** The configured accounts and regions; a request may name only these. */
  readonly targets: ReadonlyArray<ScanTargetRef>;
  triggerScan(request: {
    trigger: 'manual';
    requestedBy?: string;
    targets?: ScanTargetRef[];
  }): Promise<ScanRunInfo>;
}

export interface RouterOptions {
  /** Every read and waiver change, with the caller's permissions applied. */
  scorecards: AuthorizedScorecardService;
  /** Waiver requests and approval (`/waiver-requests`, `/waivers/capabilities`). */
  waiverRequests: AuthorizedWaiverRequests;
  /** Scan runs (`/scans/*`). */
  inventory: Pick<InventoryStore, 'getScan' | 'getLatestScan'>;
  scanTrigger: ScanTrigger;
  httpAuth: HttpAuthService;
  /** Where failures after a streamed response started are reported. */
  logger: LoggerService;
}

/**
 * Sends a response the service has serialised and tagged (held per state,
 * see service/readCache.ts) as `res.json` would send it; a request whose
 * `If-None-Match` names the tag is answered 304 by express.
 */
function sendJson(res: express.Response, response: HeldJson): void {
  res.set('ETag', response.etag);
  res.set('Content-Type', 'application/json; charset=utf-8');
  res.send(response.body);
}

/** Query values may arrive as strings; the schema has validated them. */
function optionalNumber(value: unknown): number | undefined {
  return value === undefined ? undefined : Number(value);
}

/**
 * The REST API of `openapi.yaml`. Input is validated once, at the edge:
 * the spec (types, formats with real calendar dates, lengths, patterns,
 * ranges, unknown fields) and `edgeValidator` (NUL characters, unknown body
 * fields by name) answer 400 naming the field before a handler runs. Every
 * route needs user or service credentials; permissions are decided by the
 * AuthorizedScorecardService, the same for every principal.
 */
/** A team named by `owner` (a group unless the reference says otherwise). */
function ownerRef(owner: string): string {
  const ref = normalizeRef(owner, {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
  if (!ref) {
    throw new InputError(`owner: "${owner}" is not a valid entity reference`);
  }
  return ref;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { scorecards, inventory, scanTrigger, httpAuth } = options;
  const router = await createOpenApiRouter({
    middleware: [express.json(), edgeValidator(spec as any)],
    validatorOptions: { ajvFormats: { mode: 'full' } },
  });

  // The typed router narrows each request's types; any request will do here.
  const credentialsOf = (req: express.Request<any, any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  // Before `/waivers/:id`, which would take `capabilities` for an id.
  registerWaiverRequestRoutes(router, {
    waiverRequests: options.waiverRequests,
    credentialsOf,
  });

  router.get('/scorecards/entity', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = parseEntityRefInput(req.query.entityRef);
    sendJson(
      res,
      await scorecards.entityScorecardJson(
        entityRef,
        credentials,
        optionalNumber(req.query.findingsLimit),
      ),
    );
  });

  router.get('/scorecards/entity/findings', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { entityRef, status, pillar, resourceArn } = req.query;
    res.json(
      await scorecards.entityFindings(
        parseEntityRefInput(entityRef),
        {
          offset: optionalNumber(req.query.offset),
          limit: optionalNumber(req.query.limit),
          status,
          pillar,
          resourceArn,
        },
        credentials,
      ),
    );
  });

  router.get('/resources/findings', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await scorecards.resourceFindings(req.query.arn, credentials));
  });

  router.get('/checks', async (req, res) => {
    await credentialsOf(req);
    const { pillar } = req.query;
    res.json(
      scorecards
        .checkMetadata()
        .filter(check => !pillar || check.pillar === pillar),
    );
  });

  router.get('/checks/:checkId', async (req, res) => {
    await credentialsOf(req);
    const check = scorecards
      .checkMetadata()
      .find(c => c.id === req.params.checkId);
    if (!check) {
      throw new NotFoundError(`No check ${req.params.checkId}`);
    }
    res.json(check);
  });

  router.get('/rollups/org', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = req.query;
    const owner = query.owner ? ownerRef(query.owner) : undefined;
    sendJson(
      res,
      await scorecards.orgPageJson(
        {
          offset: optionalNumber(query.offset),
          limit: optionalNumber(query.limit),
          orderBy: query.orderBy,
          order: query.order,
          owner,
          grade: query.grade,
          pillar: query.pillar,
        },
        credentials,
      ),
    );
  });

  router.get('/rollups/entity', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = parseEntityRefInput(req.query.entityRef);
    res.json(await scorecards.rollup(entityRef, credentials));
  });

  router.get('/history/entity', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = parseEntityRefInput(req.query.entityRef);
    const { from, to } = req.query;
    res.json(
      await scorecards.entityHistory(entityRef, { from, to }, credentials),
    );
  });

  router.get('/waivers', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = req.query.entityRef
      ? parseEntityRefInput(req.query.entityRef)
      : undefined;
    res.json(
      await scorecards.listWaivers(
        { entityRef, status: req.query.status },
        credentials,
      ),
    );
  });

  router.get('/waivers/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await scorecards.getWaiver(req.params.id, credentials));
  });

  router.post('/waivers', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = parseEntityRefInput(req.body.entityRef);
    const waiver = await scorecards.createWaiver(
      { ...req.body, entityRef },
      credentials,
    );
    res.status(201).json(waiver);
  });

  router.post('/waivers/:id/revoke', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(
      await scorecards.revokeWaiver(
        req.params.id,
        req.body?.reason,
        credentials,
      ),
    );
  });

  router.post('/scans', async (req, res) => {
    const credentials = await credentialsOf(req);
    await scorecards.authorizeScan(credentials);
    const targets = requestedTargets(req.body?.targets, scanTrigger.targets);
    const scan = await scanTrigger.triggerScan({
      trigger: 'manual',
      requestedBy: principalName(credentials),
      ...(targets ? { targets } : {}),
    });
    res.status(202).json(scan);
  });

  router.get('/scans/latest', async (req, res) => {
    await credentialsOf(req);
    const scan = await inventory.getLatestScan();
    if (!scan) {
      throw new NotFoundError('No scan has run yet');
    }
    res.json(scan);
  });

  router.get('/scans/health', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await scorecards.scanHealth(credentials));
  });

  router.get('/scans/:id', async (req, res) => {
    await credentialsOf(req);
    const scan = await inventory.getScan(req.params.id);
    if (!scan) {
      throw new NotFoundError(`No scan ${req.params.id}`);
    }
    res.json(scan);
  });

  router.get('/export', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { query } = req;
    const format = query.format ?? 'json';
    const entityRef = query.entityRef
      ? parseEntityRefInput(query.entityRef)
      : undefined;
    const owner = query.owner ? ownerRef(query.owner) : undefined;
    if (entityRef && owner) {
      throw new InputError(
        'owner: give either entityRef (one entity) or owner (a team), not both',
      );
    }
    const batches = await scorecards.exportFindings(
      { entityRef, owner, accountId: query.accountId },
      credentials,
    );
    // The peer controls of each finding's check, so a security team can
    // report against a standard from every format.
    const references = new Map(
      scorecards.checkMetadata().map(check => [check.id, check.references]),
    );
    await streamFindings(res, {
      format,
      filename: 'sagemaker-security-findings',
      batches,
      referencesOf: checkId => references.get(checkId),
      logger: options.logger,
    });
  });

  router.get('/inventory/resources', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { type, cursor } = req.query;
    res.json(
      await scorecards.inventoryPage(
        {
          type,
          cursor,
          limit: optionalNumber(req.query.limit) ?? 500,
          includeDeleted: String(req.query.includeDeleted) === 'true',
        },
        credentials,
      ),
    );
  });

  return router;
}
