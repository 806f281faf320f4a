import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isForbidden } from '../common/errors';
import { ForbiddenState } from '../common/ForbiddenState';
import { OrgScanHealthBanner } from '../ScanHealth/OrgScanHealthBanner';
import { ScanStatusView } from '../ScanHealth/ScanStatusView';
import { ExportCsvButton } from './ExportCsvButton';
import { OrgFilters, OrgFilterValues } from './OrgFilters';
import { OrgServicesTable } from './OrgServicesTable';
import { PendingRequestsPanel } from './PendingRequestsPanel';
import { TeamRollupTable } from './TeamRollupTable';
import { useOwners } from './useTeams';

type OrgTab = 'services' | 'scans';

/** The org page's content, without a page shell (the new frontend system adds one). */
export function SecurityOrgContent(props: { pageSize?: number }) {
  // `?tab=scans` opens the scan status, so that it can be linked to.
  const [searchParams, setSearchParams] = useSearchParams();
  const tab: OrgTab =
    searchParams.get('tab') === 'scans' ? 'scans' : 'services';
  const showTab = useCallback(
    (next: OrgTab) => setSearchParams(next === 'scans' ? { tab: next } : {}),
    [setSearchParams],
  );
  const [filters, setFilters] = useState<OrgFilterValues>({});
  const [error, setError] = useState<Error>();
  const owners = useOwners();
  const onError = useCallback((e: Error) => setError(e), []);

  const firstError = error ?? owners.error;
  if (firstError && isForbidden(firstError)) {
    return <ForbiddenState what="security overview" />;
  }
  if (firstError) {
    return <ResponseErrorPanel error={firstError} />;
  }
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <OrgScanHealthBanner onShowStatus={() => showTab('scans')} />
      <PendingRequestsPanel />
      <Tabs
        value={tab}
        onChange={(_, next: OrgTab) => showTab(next)}
        indicatorColor="primary"
        textColor="primary"
        aria-label="ML security views"
      >
        <Tab value="services" label="Services and teams" />
        <Tab value="scans" label="Scan status" />
      </Tabs>
      {tab === 'scans' ? (
        <ScanStatusView />
      ) : (
        <OrgServicesContent
          owners={owners}
          filters={filters}
          setFilters={setFilters}
          onError={onError}
          pageSize={props.pageSize}
        />
      )}
    </Box>
  );
}

/** Every ML service, and every team's rollup. */
function OrgServicesContent(props: {
  owners: ReturnType<typeof useOwners>;
  filters: OrgFilterValues;
  setFilters: (filters: OrgFilterValues) => void;
  onError: (error: Error) => void;
  pageSize?: number;
}) {
  const { owners, filters, setFilters, onError } = props;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 24 }}>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 16 }}
      >
        <OrgFilters
          owners={owners.value ?? []}
          value={filters}
          onChange={setFilters}
        />
        <Box flex={1} />
        <ExportCsvButton owner={filters.owner} />
      </Box>
      <OrgServicesTable
        filters={filters}
        onError={onError}
        pageSize={props.pageSize}
      />
      <Box component="section" aria-labelledby="sms-teams">
        <Typography variant="h5" component="h2" id="sms-teams" paragraph>
          Teams
        </Typography>
        {owners.loading ? (
          <Progress />
        ) : (
          <TeamRollupTable owners={owners.value ?? []} />
        )}
      </Box>
    </Box>
  );
}

/** The org-wide page (legacy frontend system), with its own header. */
export function SecurityOrgPage() {
  return (
    <Page themeId="tool">
      <Header
        title="SageMaker security"
        subtitle="Security scorecards of every ML service and team"
      />
      <Content>
        <SecurityOrgContent />
      </Content>
    </Page>
  );
}
