import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  InventoryPage,
  ScanRunInfo,
  scanRunPermission,
  ScanTargetRef,
} from '@mlsec/plugin-sagemaker-security-common';
import express from 'express';
import type { InventoryStore } from '../inventory/InventoryStore';
import { normalizeRef, parseEntityRefInput } from '../catalog/entityRefs';
import { isRollupEntity } from '../catalog/rollupMembers';
import { ScorecardService } from '../service/ScorecardService';
import { WaiverService } from '../waivers/WaiverService';
import { createOpenApiRouter, spec } from '../schema/openapi';
import { findingsToCsv } from './csv';
import { PermissionChecks } from './permissionChecks';
import { unknownBodyFields } from './unknownBodyFields';

/** Starts scans; the inventory's ScanService implements it. */
export interface ScanTrigger {
  triggerScan(request: {
    trigger: 'manual';
    requestedBy?: string;
    targets?: ScanTargetRef[];
  }): Promise<ScanRunInfo>;
}

export interface RouterOptions {
  scorecards: ScorecardService;
  waivers: WaiverService;
  inventory: InventoryStore;
  scanTrigger: ScanTrigger;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}

const MAX_HISTORY_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

function principalName(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject;
}

/** Query values may arrive as strings; the schema has validated them. */
function optionalNumber(value: unknown): number | undefined {
  return value === undefined ? undefined : Number(value);
}

/**
 * The REST API of `openapi.yaml`. Request shapes are validated from the
 * spec (400 naming the field); every route needs user or service
 * credentials and checks its permission.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { scorecards, waivers, inventory, scanTrigger, httpAuth } = options;
  const checks = new PermissionChecks(options.permissions);
  const router = await createOpenApiRouter({
    middleware: [express.json(), unknownBodyFields(spec as any)],
  });

  // The typed router narrows each request's types; any request will do here.
  const credentialsOf = (req: express.Request<any, any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/scorecards/entity', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = parseEntityRefInput(req.query.entityRef);
    await checks.requireEntityRead(entityRef, credentials);
    const entity = await scorecards.getEntity(entityRef, credentials);
    res.json(await scorecards.entityScorecard(entity, credentials));
  });

  router.get('/resources/findings', async (req, res) => {
    const credentials = await credentialsOf(req);
    const filter = await checks.readFilter(credentials);
    const { findings, linkedEntities } = await scorecards.resourceFindings(
      req.query.arn,
      credentials,
    );
    if (!filter.all && (await filter.allowed(linkedEntities)).size === 0) {
      // Same answer as for a resource that does not exist.
      throw new NotFoundError(`No stored resource ${req.query.arn}`);
    }
    res.json(findings);
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
    const filter = await checks.readFilter(credentials);
    const query = req.query;
    let owner: string | undefined;
    if (query.owner) {
      owner = normalizeRef(query.owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
      if (!owner) {
        throw new InputError(
          `owner: "${query.owner}" is not a valid entity reference`,
        );
      }
    }
    res.json(
      await scorecards.orgPage(
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
        filter,
      ),
    );
  });

  router.get('/rollups/entity', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = parseEntityRefInput(req.query.entityRef);
    await checks.requireEntityRead(entityRef, credentials);
    const entity = await scorecards.getEntity(entityRef, credentials);
    if (!isRollupEntity(entity)) {
      throw new InputError(
        `entityRef: rollups are for Group, System and Domain entities; ${entityRef} is a ${entity.kind}`,
      );
    }
    res.json(await scorecards.rollup(entity, credentials));
  });

  router.get('/history/entity', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = parseEntityRefInput(req.query.entityRef);
    const { from, to } = req.query;
    if (from && to) {
      if (from > to) {
        throw new InputError(`from: ${from} is after to (${to})`);
      }
      if (Date.parse(to) - Date.parse(from) > MAX_HISTORY_DAYS * DAY_MS) {
        throw new InputError(
          `from: the range may span at most ${MAX_HISTORY_DAYS} days`,
        );
      }
    }
    await checks.requireEntityRead(entityRef, credentials);
    const entity = await scorecards.getEntity(entityRef, credentials);
    res.json(await scorecards.entityHistory(entity, credentials, { from, to }));
  });

  router.get('/waivers', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { status } = req.query;
    if (req.query.entityRef) {
      const entityRef = parseEntityRefInput(req.query.entityRef);
      await checks.requireEntityRead(entityRef, credentials);
      await scorecards.getEntity(entityRef, credentials);
      res.json(await waivers.list({ entityRefs: [entityRef], status }));
      return;
    }
    const filter = await checks.readFilter(credentials);
    let list = await waivers.list({ status });
    if (!filter.all) {
      const allowed = await filter.allowed(list.map(w => w.entityRef));
      list = list.filter(w => allowed.has(w.entityRef));
    }
    res.json(list);
  });

  router.post('/waivers', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = parseEntityRefInput(req.body.entityRef);
    const entity = await scorecards.getEntity(entityRef, credentials);
    const linkedArns =
      req.body.resourceArn === '*'
        ? []
        : await scorecards.linkedArns(entity, credentials);
    const waiver = await waivers.create(
      { ...req.body, entityRef },
      entity,
      linkedArns,
      credentials,
    );
    res.status(201).json(waiver);
  });

  router.post('/waivers/:id/revoke', async (req, res) => {
    const credentials = await credentialsOf(req);
    const waiver = await waivers.get(req.params.id);
    const entity = await scorecards.getEntity(waiver.entityRef, credentials);
    res.json(
      await waivers.revoke(waiver, entity, req.body?.reason, credentials),
    );
  });

  router.post('/scans', async (req, res) => {
    const credentials = await credentialsOf(req);
    await checks.requireBasic(scanRunPermission, credentials);
    const scan = await scanTrigger.triggerScan({
      trigger: 'manual',
      requestedBy: principalName(credentials),
      ...(req.body?.targets ? { targets: req.body.targets } : {}),
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
    // Scan errors name accounts and roles: for those who read scorecards.
    await checks.readFilter(credentials);
    res.json(await scorecards.scanHealth());
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
    const format = req.query.format ?? 'json';
    let findings;
    if (req.query.entityRef) {
      const entityRef = parseEntityRefInput(req.query.entityRef);
      await checks.requireEntityRead(entityRef, credentials);
      const entity = await scorecards.getEntity(entityRef, credentials);
      findings = await scorecards.findings(entity, credentials);
    } else {
      await checks.requireReadAll(credentials);
      findings = await scorecards.findings(undefined, credentials);
    }
    if (format === 'csv') {
      res
        .status(200)
        .type('text/csv')
        .attachment('sagemaker-security-findings.csv')
        .send(findingsToCsv(findings));
      return;
    }
    res.json(findings);
  });

  router.get('/inventory/resources', async (req, res) => {
    const credentials = await credentialsOf(req);
    // The catalog module reads with its service credentials.
    if ((credentials.principal as { type: string }).type !== 'service') {
      await checks.requireReadAll(credentials);
    }
    const { type, cursor } = req.query;
    const includeDeleted = String(req.query.includeDeleted) === 'true';
    const page = await inventory.listResources({
      types: type ? [type] : undefined,
      cursor,
      limit: optionalNumber(req.query.limit) ?? 500,
      includeDeleted,
    });
    const body: InventoryPage = {
      items: page.items.map(
        ({ errors, firstSeenAt, lastSeenAt, ...item }) => item,
      ),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
    res.json(body);
  });

  return router;
}
