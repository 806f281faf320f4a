import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { Rollup } from '@mlsec/plugin-sagemaker-security-common';
import useAsync from 'react-use/esm/useAsync';
import { sageMakerSecurityApiRef } from '../../api';
import { isForbidden } from '../common/errors';
import { formatDate } from '../common/format';
import { GradeBadge } from '../common/GradeBadge';
import { SeverityLabel } from '../common/SeverityLabel';
import { Sparkline } from '../common/Sparkline';
import { StatusLabel } from '../common/StatusLabel';
import { useOrgPageLink } from '../common/useOrgPageLink';
import { useChecks } from '../common/useChecks';

/**
 * Props of the team card (`EntityTeamSageMakerSecurityCard`).
 *
 * @public
 */
export interface TeamSecurityCardProps {
  /** How many findings and waivers to list; default 5. */
  maxItems?: number;
}

function Heading(props: { children: string }) {
  return (
    <Typography variant="subtitle1" component="h3" style={{ marginTop: 16 }}>
      {props.children}
    </Typography>
  );
}

function RollupView(props: { rollup: Rollup; maxItems: number }) {
  const { rollup, maxItems } = props;
  const { checks } = useChecks();
  return (
    <>
      <Box display="flex" alignItems="center" style={{ gap: 24 }}>
        <GradeBadge
          grade={rollup.score.grade}
          score={rollup.score.score}
          size="medium"
          showScore
        />
        <Sparkline points={rollup.trend} />
      </Box>
      <Typography variant="body2" color="textSecondary">
        Nested teams included.
      </Typography>
      {(rollup.hiddenEntityCount ?? 0) > 0 && (
        <Typography variant="body2" color="textSecondary">
          {rollup.hiddenEntityCount === 1
            ? '1 ML service you cannot see is'
            : `${rollup.hiddenEntityCount} ML services you cannot see are`}{' '}
          left out of this rollup.
        </Typography>
      )}

      <Heading>{`ML services (${rollup.entities.length})`}</Heading>
      {rollup.entities.length === 0 ? (
        <Typography variant="body2">
          This team owns no ML services with SageMaker resources.
        </Typography>
      ) : (
        <Table size="small" aria-label="ML services">
          <TableHead>
            <TableRow>
              <TableCell>Service</TableCell>
              <TableCell>Grade</TableCell>
              <TableCell>Trend</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rollup.entities.map(row => (
              <TableRow key={row.entityRef}>
                <TableCell>
                  <EntityRefLink entityRef={row.entityRef} title={row.title} />
                </TableCell>
                <TableCell>
                  <GradeBadge
                    grade={row.score.grade}
                    score={row.score.score}
                    size="small"
                  />
                </TableCell>
                <TableCell>
                  <Sparkline points={row.trend} width={80} height={20} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <Heading>Worst open findings</Heading>
      {rollup.worstFindings.length === 0 ? (
        <Box>
          <StatusLabel status="pass" />{' '}
          <Typography component="span" variant="body2">
            No open findings
          </Typography>
        </Box>
      ) : (
        <Table size="small" aria-label="Worst open findings">
          <TableBody>
            {rollup.worstFindings.slice(0, maxItems).map(finding => (
              <TableRow
                key={`${finding.result.resourceArn}|${finding.result.checkId}`}
              >
                <TableCell>
                  <StatusLabel status={finding.result.status} />
                </TableCell>
                <TableCell>
                  <SeverityLabel severity={finding.check.severity} />
                </TableCell>
                <TableCell>
                  <Typography variant="body2">{finding.check.title}</Typography>
                  <Typography variant="caption" color="textSecondary">
                    {finding.result.resourceName}
                    {finding.entityRef ? ` · ${finding.entityRef}` : ''}
                  </Typography>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <Heading>Waivers expiring soon</Heading>
      {rollup.expiringWaivers.length === 0 ? (
        <Typography variant="body2">No waivers expire soon.</Typography>
      ) : (
        <Table size="small" aria-label="Waivers expiring soon">
          <TableHead>
            <TableRow>
              <TableCell>Check</TableCell>
              <TableCell>Service</TableCell>
              <TableCell>Expires</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rollup.expiringWaivers.slice(0, maxItems).map(waiver => (
              <TableRow key={waiver.id}>
                <TableCell>
                  <Typography variant="body2">
                    {checks.get(waiver.checkId)?.title ?? waiver.checkId}
                  </Typography>
                  <Typography variant="caption" color="textSecondary">
                    {waiver.reason}
                  </Typography>
                </TableCell>
                <TableCell>
                  <EntityRefLink entityRef={waiver.entityRef} />
                </TableCell>
                <TableCell>{formatDate(waiver.expiresAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

/** Team card for Group pages: the team's rollup, nested teams included. */
export function TeamSecurityCard(props: TeamSecurityCardProps) {
  const { maxItems = 5 } = props;
  const { entity } = useEntity();
  const api = useApi(sageMakerSecurityApiRef);
  const entityRef = stringifyEntityRef(entity);
  const orgPageLink = useOrgPageLink();
  const { value, loading, error } = useAsync(
    () => api.getEntityRollup(entityRef),
    [api, entityRef],
  );

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error && isForbidden(error)) {
    content = (
      <Typography>You don't have permission to view this scorecard.</Typography>
    );
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = <Typography>No rollup for this team yet.</Typography>;
  } else {
    content = <RollupView rollup={value} maxItems={maxItems} />;
  }
  return (
    <InfoCard
      title="SageMaker security"
      subheader="Team rollup"
      deepLink={
        orgPageLink
          ? { title: 'All ML services', link: orgPageLink }
          : undefined
      }
    >
      {content}
    </InfoCard>
  );
}
