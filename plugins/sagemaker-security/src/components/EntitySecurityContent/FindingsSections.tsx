import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  CheckMetadata,
  CheckResult,
  ResourceSummary,
} from '@mlsec/plugin-sagemaker-security-common';
import { ReactNode } from 'react';
import { pillarLabel, severityRank } from '../common/format';
import { StatusLabel } from '../common/StatusLabel';
import { FindingActions, FindingItem } from './FindingItem';

/** Worst first: severity, then failures before warnings, then by check. */
export function sortFindings(results: CheckResult[]): CheckResult[] {
  const statusRank = (status: string) => (status === 'fail' ? 0 : 1);
  return [...results].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      statusRank(a.status) - statusRank(b.status) ||
      a.checkId.localeCompare(b.checkId) ||
      a.resourceName.localeCompare(b.resourceName),
  );
}

function Section(props: {
  id: string;
  title: string;
  description?: string;
  count: number;
  children: ReactNode;
}) {
  if (props.count === 0) {
    return null;
  }
  return (
    <Box component="section" aria-labelledby={props.id} mb={3}>
      <Typography variant="h5" component="h2" id={props.id}>
        {props.title} ({props.count})
      </Typography>
      {props.description && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {props.description}
        </Typography>
      )}
      <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
        {props.children}
      </Box>
    </Box>
  );
}

/**
 * Results grouped by what the reader must do: fix (failing), grant access
 * (could not evaluate), review (waived), nothing (passing).
 */
export function FindingsSections(props: {
  results: CheckResult[];
  checks: Map<string, CheckMetadata>;
  resources: ResourceSummary[];
  actions: FindingActions;
}) {
  const { results, checks, resources, actions } = props;
  const resourceByArn = new Map(resources.map(r => [r.arn, r]));
  const failing = sortFindings(
    results.filter(r => r.status === 'fail' || r.status === 'warn'),
  );
  const unknown = sortFindings(results.filter(r => r.status === 'unknown'));
  const waived = sortFindings(results.filter(r => r.status === 'waived'));
  const passing = results.filter(
    r => r.status === 'pass' || r.status === 'not_applicable',
  );

  const item = (result: CheckResult) => (
    <FindingItem
      key={`${result.resourceArn}|${result.checkId}`}
      result={result}
      check={checks.get(result.checkId)}
      resource={resourceByArn.get(result.resourceArn)}
      actions={actions}
    />
  );

  return (
    <>
      {failing.length === 0 && (
        <Box mb={3}>
          <StatusLabel status="pass" />{' '}
          <Typography component="span">No failing checks.</Typography>
        </Box>
      )}
      <Section id="sms-failing" title="Failing checks" count={failing.length}>
        {failing.map(item)}
      </Section>
      <Section
        id="sms-unknown"
        title="Could not evaluate"
        description="These checks are neither passing nor failing: the scanner could not read what they need. Each names what could not be read."
        count={unknown.length}
      >
        {unknown.map(item)}
      </Section>
      <Section id="sms-waived" title="Waived" count={waived.length}>
        {waived.map(item)}
      </Section>
      <Section
        id="sms-passing"
        title="Passing and not applicable"
        count={passing.length}
      >
        <Table size="small" aria-label="Passing and not applicable checks">
          <TableHead>
            <TableRow>
              <TableCell>Status</TableCell>
              <TableCell>Check</TableCell>
              <TableCell>Pillar</TableCell>
              <TableCell>Resource</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {passing.map(result => (
              <TableRow key={`${result.resourceArn}|${result.checkId}`}>
                <TableCell>
                  <StatusLabel status={result.status} />
                </TableCell>
                <TableCell>
                  {checks.get(result.checkId)?.title ?? result.checkId}
                </TableCell>
                <TableCell>{pillarLabel(result.pillar)}</TableCell>
                <TableCell>{result.resourceName}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
    </>
  );
}
