import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  scanRunPermission,
  waiverCreatePermission,
  waiverRevokePermission,
  type CheckMetadata,
  type EntityScorecard,
} from '@mlsec/plugin-sagemaker-security-common';
import { isForbidden, isNotFound } from '../common/errors';
import { ForbiddenState } from '../common/ForbiddenState';
import { formatDateTime } from '../common/format';
import { PillarScores } from '../common/PillarScores';
import { useChecks } from '../common/useChecks';
import { useScorecard } from '../common/useScorecard';
import {
  EntityScanHealthBanner,
  entityScanProblems,
  hasScanProblems,
} from '../ScanHealth/EntityScanHealth';
import { EntityWaivers } from './EntityWaivers';
import {
  ExternalFindingsProvider,
  ExternalFindingsSection,
} from './ExternalFindings';
import { FindingActions } from './FindingItem';
import { FindingsSections } from './FindingsSections';
import { NoResourcesState } from './NoResourcesState';
import { PendingWaiverRequests } from './PendingWaiverRequests';
import { RescanButton } from './RescanButton';
import { ResourceDetailProvider } from './resourceDetails';
import { ResourcesTable } from './ResourcesTable';
import { ScorecardHeader } from './ScorecardHeader';
import { useFindingPages } from './useFindingPages';
import { useWaiverWorkflow } from './useWaiverWorkflow';

/** Shown when results are older than the newest (failed or partial) scan. */
export function StaleWarning(props: { scorecard: EntityScorecard }) {
  const { lastScan, evaluatedAt } = props.scorecard;
  const when = formatDateTime(lastScan?.finishedAt ?? lastScan?.startedAt);
  return (
    <WarningPanel
      title="These results may be out of date"
      message={`The last scan${
        lastScan ? ` (${lastScan.status}, ${when})` : ''
      } did not complete, so this scorecard still shows the results of ${formatDateTime(
        evaluatedAt,
      )}.`}
    />
  );
}

/** The findings: the scorecard's first page, and more on demand. */
function Findings(props: {
  scorecard: EntityScorecard;
  checks: Map<string, CheckMetadata>;
  resources: EntityScorecard['resources'];
  actions: FindingActions;
}) {
  const pages = useFindingPages(props.scorecard);
  return (
    <FindingsSections
      pages={pages}
      checks={props.checks}
      resources={props.resources}
      actions={props.actions}
    />
  );
}

/**
 * Props of the Security tab (`EntitySageMakerSecurityContent`).
 *
 * @public
 */
export interface EntitySecurityContentProps {
  /** How often a running scan is polled; default 2 s. */
  scanPollIntervalMs?: number;
}

/**
 * The Security tab of an ML service (Component) or a single SageMaker Resource.
 */
export function EntitySecurityContent(props: EntitySecurityContentProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useScorecard(entityRef);
  const { checks } = useChecks();
  const canScan = usePermission({ permission: scanRunPermission }).allowed;
  const workflow = useWaiverWorkflow(entityRef);
  // Direct waivers need the permission and, when approval is required, the
  // security group (the backend's capabilities); owners request instead.
  const canWaive =
    usePermission({
      permission: waiverCreatePermission,
      resourceRef: entityRef,
    }).allowed && Boolean(workflow.capabilities?.create);
  const canRevoke = usePermission({
    permission: waiverRevokePermission,
    resourceRef: entityRef,
  }).allowed;

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    if (isForbidden(error)) {
      return <ForbiddenState />;
    }
    if (isNotFound(error)) {
      return <NoResourcesState entity={entity} />;
    }
    return <ResponseErrorPanel error={error} />;
  }
  const problems = entityScanProblems(value?.scanHealth);
  const rescan = canScan ? (
    <RescanButton
      onFinished={retry}
      pollIntervalMs={props.scanPollIntervalMs}
    />
  ) : undefined;
  if (!value || value.resources.length === 0) {
    if (!value?.scanHealth || !hasScanProblems(problems)) {
      return <NoResourcesState entity={entity} />;
    }
    // Nothing collected because the scan failed, or nothing is scanned.
    return (
      <Box display="flex" flexDirection="column" style={{ gap: 24 }}>
        <EntityScanHealthBanner
          health={value.scanHealth}
          hasResources={false}
        />
        {rescan}
        {value.scanHealth.scope === 'all' && !problems.noAccounts && (
          <NoResourcesState entity={entity} />
        )}
      </Box>
    );
  }

  const scorecard = value;
  return (
    <ResourceDetailProvider>
      <ExternalFindingsProvider entityRef={entityRef}>
        <Box display="flex" flexDirection="column" style={{ gap: 24 }}>
          {scorecard.scanHealth && hasScanProblems(problems) && (
            <EntityScanHealthBanner
              health={scorecard.scanHealth}
              evaluatedAt={scorecard.evaluatedAt}
              hasResources
            />
          )}
          {scorecard.stale && problems.failed.length === 0 && (
            <StaleWarning scorecard={scorecard} />
          )}
          <ScorecardHeader scorecard={scorecard} action={rescan} />
          <Box component="section" aria-labelledby="sms-pillars">
            <Typography variant="h5" component="h2" id="sms-pillars" paragraph>
              Pillars
            </Typography>
            <PillarScores score={scorecard.score} />
          </Box>
          <PendingWaiverRequests
            workflow={workflow}
            checkTitle={id => checks.get(id)?.title ?? id}
            onChanged={retry}
          />
          <Box>
            <Findings
              scorecard={scorecard}
              checks={checks}
              resources={scorecard.resources}
              actions={{
                entityRef,
                canWaive,
                canRevoke,
                canRequest: Boolean(workflow.capabilities?.request),
                pendingRequest: workflow.pendingFor,
                onChanged: retry,
                onRequested: () => workflow.settle(),
              }}
            />
          </Box>
          <Box component="section" aria-labelledby="sms-resources">
            <Typography
              variant="h5"
              component="h2"
              id="sms-resources"
              paragraph
            >
              Resources ({scorecard.resources.length})
            </Typography>
            <ResourcesTable resources={scorecard.resources} />
          </Box>
          <ExternalFindingsSection />
          <EntityWaivers entityRef={entityRef} />
        </Box>
      </ExternalFindingsProvider>
    </ResourceDetailProvider>
  );
}
