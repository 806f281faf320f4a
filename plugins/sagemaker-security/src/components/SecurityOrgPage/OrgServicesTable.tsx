import { Table, TableColumn, TableProps } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  EntityRollupRow,
  OrgRollupOrderBy,
} from '@mlsec/plugin-sagemaker-security-common';
import { PILLARS } from '@mlsec/plugin-sagemaker-security-common';
import { useCallback } from 'react';
import { sageMakerSecurityApiRef } from '../../api';
import { pillarLabel } from '../common/format';
import { GradeBadge } from '../common/GradeBadge';
import { Sparkline } from '../common/Sparkline';
import type { OrgFilterValues } from './OrgFilters';

type Row = EntityRollupRow;
type RemoteData = Extract<TableProps<Row>['data'], (query: never) => unknown>;
type Query = Parameters<RemoteData>[0];

const SORT_KEYS: OrgRollupOrderBy[] = [
  'score',
  'entityRef',
  'owner',
  'resourceCount',
  'fail',
];

function pillarColumn(pillar: (typeof PILLARS)[number]): TableColumn<Row> {
  return {
    title: pillarLabel(pillar),
    sorting: false,
    render: row => {
      const score = row.score.pillars.find(p => p.pillar === pillar);
      return (
        <GradeBadge
          grade={score?.grade ?? null}
          score={score?.score ?? null}
          size="small"
        />
      );
    },
  };
}

const columns: TableColumn<Row>[] = [
  {
    title: 'ML service',
    field: 'entityRef',
    cellStyle: { minWidth: 160 },
    render: row => (
      <EntityRefLink entityRef={row.entityRef} title={row.title} />
    ),
  },
  {
    title: 'Team',
    field: 'owner',
    cellStyle: { minWidth: 160 },
    render: row => (row.owner ? <EntityRefLink entityRef={row.owner} /> : '—'),
  },
  {
    title: 'Grade',
    field: 'score',
    defaultSort: 'asc',
    render: row => (
      <GradeBadge
        grade={row.score.grade}
        score={row.score.score}
        size="small"
        showScore="compact"
      />
    ),
  },
  ...PILLARS.map(pillarColumn),
  {
    title: 'Failing',
    field: 'fail',
    type: 'numeric',
    render: row => row.score.counts.fail,
  },
  { title: 'Resources', field: 'resourceCount', type: 'numeric' },
  {
    title: 'Trend',
    sorting: false,
    render: row => <Sparkline points={row.trend} width={80} height={20} />,
  },
];

/**
 * Every ML service, one page at a time from `GET /rollups/org`: sorting and
 * filtering happen in the backend, which also leaves out what the user may not read.
 */
export function OrgServicesTable(props: {
  filters: OrgFilterValues;
  onError: (error: Error) => void;
  pageSize?: number;
}) {
  const { filters, onError, pageSize = 20 } = props;
  const api = useApi(sageMakerSecurityApiRef);

  const data = useCallback(
    async (query: Query) => {
      const field = query.orderBy?.field as OrgRollupOrderBy | undefined;
      try {
        const page = await api.getOrgRollup({
          offset: query.page * query.pageSize,
          limit: query.pageSize,
          orderBy: field && SORT_KEYS.includes(field) ? field : undefined,
          order: query.orderDirection || undefined,
          owner: filters.owner,
          grade: filters.grade,
          pillar: filters.pillar,
        });
        return {
          data: page.items,
          page: query.page,
          totalCount: page.totalCount,
        };
      } catch (error) {
        onError(error as Error);
        throw error;
      }
    },
    [api, filters, onError],
  );

  return (
    <Table<Row>
      // Remount on new filters so paging restarts at the first page.
      key={JSON.stringify(filters)}
      title="ML services"
      columns={columns}
      data={data}
      options={{
        pageSize,
        pageSizeOptions: [10, 20, 50, 100],
        search: false,
        padding: 'dense',
        emptyRowsWhenPaging: false,
      }}
    />
  );
}
