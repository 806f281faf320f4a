import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { EntityScorecard } from '@mlsec/plugin-sagemaker-security-common';
import { isForbidden, isNotFound } from '../common/errors';
import { formatDateTime } from '../common/format';
import { GradeBadge } from '../common/GradeBadge';
import { PillarStatusList } from '../common/PillarScores';
import { useChecks } from '../common/useChecks';
import { useScorecard } from '../common/useScorecard';
import { sortFindings } from '../EntitySecurityContent/FindingsSections';
import { StatusLabel } from '../common/StatusLabel';
import {
  EntityScanHealthBanner,
  entityScanProblems,
  hasScanProblems,
} from '../ScanHealth/EntityScanHealth';
import { SeverityLabel } from '../common/SeverityLabel';

/**
 * Props of the overview card (`EntitySageMakerSecurityCard`).
 *
 * @public
 */
export interface EntitySecurityCardProps {
  /** How many failing checks to list; default 5. */
  maxFindings?: number;
  /** Path of the Security tab under the entity page; default `sagemaker-security`. */
  tabPath?: string;
}

function TopFindings(props: { scorecard: EntityScorecard; max: number }) {
  const { checks } = useChecks();
  const failing = sortFindings(
    props.scorecard.results.filter(
      r => r.status === 'fail' || r.status === 'warn',
    ),
  ).slice(0, props.max);
  if (failing.length === 0) {
    return (
      <Box mt={1}>
        <StatusLabel status="pass" />{' '}
        <Typography component="span" variant="body2">
          No failing checks
        </Typography>
      </Box>
    );
  }
  return (
    <List dense aria-label="Top failing checks">
      {failing.map(result => (
        <ListItem
          key={`${result.resourceArn}|${result.checkId}`}
          disableGutters
        >
          <ListItemText
            primary={
              <Box
                display="flex"
                alignItems="center"
                flexWrap="wrap"
                style={{ gap: 8 }}
              >
                <StatusLabel status={result.status} />
                <SeverityLabel severity={result.severity} />
                <span>
                  {checks.get(result.checkId)?.title ?? result.checkId}
                </span>
              </Box>
            }
            secondary={result.resourceName}
          />
        </ListItem>
      ))}
    </List>
  );
}

/** Overview card: grade, pillar statuses, top failing checks, link to the tab. */
export function EntitySecurityCard(props: EntitySecurityCardProps) {
  const { maxFindings = 5, tabPath = 'sagemaker-security' } = props;
  const { entity } = useEntity();
  const { value, loading, error } = useScorecard(stringifyEntityRef(entity));
  const entityRoute = useRouteRef(entityRouteRef);
  const entityPath = entityRoute({
    namespace: entity.metadata.namespace ?? 'default',
    kind: entity.kind.toLocaleLowerCase('en-US'),
    name: entity.metadata.name,
  });
  const deepLink = {
    title: 'View security details',
    link: `${entityPath.replace(/\/$/, '')}/${tabPath}`,
  };
  const problems = entityScanProblems(value?.scanHealth);
  const scanBanner = value?.scanHealth && hasScanProblems(problems) && (
    <EntityScanHealthBanner
      health={value.scanHealth}
      evaluatedAt={value.evaluatedAt}
      hasResources={value.resources.length > 0}
      dense
    />
  );
  let content;
  if (loading) {
    content = <Progress />;
  } else if (error && isForbidden(error)) {
    content = (
      <Typography>You don't have permission to view this scorecard.</Typography>
    );
  } else if (error && !isNotFound(error)) {
    content = <ResponseErrorPanel error={error} />;
  } else if (value && value.resources.length === 0 && scanBanner) {
    content = scanBanner;
  } else if (!value || value.resources.length === 0) {
    content = (
      <Typography>
        No SageMaker resources are linked to this entity yet. Open the Security
        tab to see how to link them.
      </Typography>
    );
  } else {
    content = (
      <>
        <GradeBadge
          grade={value.score.grade}
          score={value.score.score}
          size="medium"
          showScore
        />
        {scanBanner && <Box mt={2}>{scanBanner}</Box>}
        {value.stale && problems.failed.length === 0 && (
          <Typography variant="body2" role="status">
            Results may be out of date: the last scan did not complete (
            {formatDateTime(value.evaluatedAt)}).
          </Typography>
        )}
        <Box mt={2}>
          <PillarStatusList score={value.score} />
        </Box>
        <Typography
          variant="subtitle2"
          component="h3"
          style={{ marginTop: 16 }}
        >
          Top failing checks
        </Typography>
        <TopFindings scorecard={value} max={maxFindings} />
      </>
    );
  }
  return (
    <InfoCard title="SageMaker security" deepLink={deepLink}>
      {content}
    </InfoCard>
  );
}
