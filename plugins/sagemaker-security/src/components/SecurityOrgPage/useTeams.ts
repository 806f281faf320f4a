import { useApi } from '@backstage/core-plugin-api';
import type { Rollup } from '@mlsec/plugin-sagemaker-security-common';
import useAsync from 'react-use/esm/useAsync';
import { sageMakerSecurityApiRef } from '../../api';
import type { SageMakerSecurityApi } from '../../api';

const PAGE_SIZE = 200;
/** Bounds the work of the page on large estates. */
const MAX_ROWS = 2000;
const MAX_TEAMS = 50;
const CONCURRENCY = 4;

/** Owners of ML services, read through the org rollup's pages. */
export async function loadOwners(api: SageMakerSecurityApi): Promise<string[]> {
  const owners = new Set<string>();
  for (let offset = 0; offset < MAX_ROWS; offset += PAGE_SIZE) {
    const page = await api.getOrgRollup({
      offset,
      limit: PAGE_SIZE,
      orderBy: 'owner',
    });
    for (const row of page.items) {
      if (row.owner) {
        owners.add(row.owner);
      }
    }
    if (
      page.items.length < PAGE_SIZE ||
      offset + PAGE_SIZE >= page.totalCount
    ) {
      break;
    }
  }
  return [...owners].sort();
}

/** Each team's rollup (computed by the backend, nested teams included). */
export async function loadTeamRollups(
  api: SageMakerSecurityApi,
  owners: string[],
): Promise<Array<{ owner: string; rollup?: Rollup; error?: Error }>> {
  const teams = owners.slice(0, MAX_TEAMS);
  const results: Array<{ owner: string; rollup?: Rollup; error?: Error }> = [];
  for (let i = 0; i < teams.length; i += CONCURRENCY) {
    const batch = teams.slice(i, i + CONCURRENCY);
    results.push(
      ...(await Promise.all(
        batch.map(owner =>
          api.getEntityRollup(owner).then(
            rollup => ({ owner, rollup }),
            error => ({ owner, error: error as Error }),
          ),
        ),
      )),
    );
  }
  return results;
}

export function useOwners() {
  const api = useApi(sageMakerSecurityApiRef);
  return useAsync(() => loadOwners(api), [api]);
}
