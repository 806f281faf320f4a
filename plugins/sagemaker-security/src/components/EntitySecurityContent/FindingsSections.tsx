import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  compareResults,
  type CheckMetadata,
  type CheckResult,
  type ResourceSummary,
  type ResultStatus,
} from '@mlsec/plugin-sagemaker-security-common';
import { ReactNode } from 'react';
import { pillarLabel } from '../common/format';
import { StatusLabel } from '../common/StatusLabel';
import { FindingActions, FindingItem } from './FindingItem';
import type { FindingPages } from './useFindingPages';

/**
 * Worst first, in the order the API pages results (-common's
 * `compareResults`): failures, could not evaluate, warnings, waived,
 * passing; then by severity, age, resource and check.
 */
export function sortFindings(results: CheckResult[]): CheckResult[] {
  return [...results].sort(compareResults);
}

const count = (n: number) => n.toLocaleString('en-US');

function Section(props: {
  id: string;
  title: string;
  description?: string;
  /** How many results the section has in all. */
  count: number;
  /** How many of them are loaded and shown. */
  shown: number;
  onMore: () => void;
  loading: boolean;
  children: ReactNode;
}) {
  if (props.count === 0) {
    return null;
  }
  return (
    <Box component="section" aria-labelledby={props.id} mb={3}>
      <Typography variant="h5" component="h2" id={props.id}>
        {props.title} ({count(props.count)})
      </Typography>
      {props.description && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {props.description}
        </Typography>
      )}
      <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
        {props.children}
      </Box>
      {props.shown < props.count && (
        <Box display="flex" alignItems="center" mt={1} style={{ gap: 12 }}>
          <Typography variant="body2" color="textSecondary">
            Showing {count(props.shown)} of {count(props.count)}
          </Typography>
          <Button
            variant="outlined"
            size="small"
            disabled={props.loading}
            onClick={props.onMore}
            aria-label={`Show more: ${props.title.toLocaleLowerCase('en-US')}`}
          >
            {props.loading ? 'Loading…' : 'Show more'}
          </Button>
        </Box>
      )}
    </Box>
  );
}

const FAILING: ResultStatus[] = ['fail', 'warn'];
const UNKNOWN: ResultStatus[] = ['unknown'];
const WAIVED: ResultStatus[] = ['waived'];
const PASSING: ResultStatus[] = ['pass', 'not_applicable'];

/**
 * Results grouped by what the reader must do: fix (failing), grant access
 * (could not evaluate), review (waived), nothing (passing).
 */
export function FindingsSections(props: {
  pages: FindingPages;
  checks: Map<string, CheckMetadata>;
  resources: ResourceSummary[];
  actions: FindingActions;
}) {
  const { pages, checks, resources, actions } = props;
  const resourceByArn = new Map(resources.map(r => [r.arn, r]));
  const of = (statuses: ResultStatus[]) =>
    sortFindings(pages.results.filter(r => statuses.includes(r.status)));
  const failing = of(FAILING);
  const unknown = of(UNKNOWN);
  const waived = of(WAIVED);
  const passing = of(PASSING);
  const paging = (statuses: ResultStatus[], shown: number) => ({
    count: pages.total(statuses),
    shown,
    onMore: () => {
      pages.loadMore(statuses);
    },
    loading: pages.loading === statuses.join(),
  });

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
      {pages.error && (
        <Typography color="error" role="alert" paragraph>
          Could not load more results: {pages.error.message}
        </Typography>
      )}
      {pages.total(FAILING) === 0 && (
        <Box mb={3}>
          <StatusLabel status="pass" />{' '}
          <Typography component="span">No failing checks.</Typography>
        </Box>
      )}
      <Section
        id="sms-failing"
        title="Failing checks"
        {...paging(FAILING, failing.length)}
      >
        {failing.map(item)}
      </Section>
      <Section
        id="sms-unknown"
        title="Could not evaluate"
        description="These checks are neither passing nor failing: the scanner could not read what they need. Each names what could not be read."
        {...paging(UNKNOWN, unknown.length)}
      >
        {unknown.map(item)}
      </Section>
      <Section
        id="sms-waived"
        title="Waived"
        {...paging(WAIVED, waived.length)}
      >
        {waived.map(item)}
      </Section>
      <Section
        id="sms-passing"
        title="Passing and not applicable"
        {...paging(PASSING, passing.length)}
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
