import { BackstageCredentials } from '@backstage/backend-plugin-api';
import express from 'express';
import { parseEntityRefInput } from '../catalog/entityRefs';
import type { createOpenApiRouter } from '../schema/openapi';
import type { AuthorizedWaiverRequests } from '../service/AuthorizedWaiverRequests';

type TypedRouter = Awaited<ReturnType<typeof createOpenApiRouter>>;

/** A query value the schema typed as an array may arrive as one string. */
function listOf(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

/**
 * The waiver request routes (`/waiver-requests…`) and
 * `GET /waivers/capabilities`. Registered before `/waivers/:id`, which
 * would otherwise take `capabilities` for a waiver id. Input is validated
 * at the edge, as for every route; permissions are decided by
 * AuthorizedWaiverRequests.
 */
export function registerWaiverRequestRoutes(
  router: TypedRouter,
  options: {
    waiverRequests: AuthorizedWaiverRequests;
    credentialsOf: (
      req: express.Request<any, any, any, any, any>,
    ) => Promise<BackstageCredentials>;
  },
): void {
  const { waiverRequests, credentialsOf } = options;

  router.get('/waivers/capabilities', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = parseEntityRefInput(req.query.entityRef);
    res.json(await waiverRequests.capabilities(entityRef, credentials));
  });

  router.get('/waiver-requests', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRefs = listOf(req.query.entityRef)?.map(ref =>
      parseEntityRefInput(ref),
    );
    const items = await waiverRequests.list(
      { entityRefs, status: req.query.status },
      credentials,
    );
    res.json({ items });
  });

  router.post('/waiver-requests', async (req, res) => {
    const credentials = await credentialsOf(req);
    const entityRef = parseEntityRefInput(req.body.entityRef);
    const request = await waiverRequests.request(
      { ...req.body, entityRef },
      credentials,
    );
    res.status(201).json(request);
  });

  router.get('/waiver-requests/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await waiverRequests.get(req.params.id, credentials));
  });

  router.post('/waiver-requests/:id/approve', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(
      await waiverRequests.approve(
        req.params.id,
        req.body?.comment,
        credentials,
      ),
    );
  });

  router.post('/waiver-requests/:id/deny', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(
      await waiverRequests.deny(req.params.id, req.body.comment, credentials),
    );
  });

  router.post('/waiver-requests/:id/withdraw', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await waiverRequests.withdraw(req.params.id, credentials));
  });
}
