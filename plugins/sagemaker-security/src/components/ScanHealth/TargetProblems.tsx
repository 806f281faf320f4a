import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ScanTargetProgressInfo } from '@mlsec/plugin-sagemaker-security-common';
import { formatDateTime } from '../common/format';
import {
  formatRelative,
  groupErrors,
  kindsAndActions,
  groupSentence,
  targetName,
  targetTime,
} from './describe';

/** "5 minutes ago", with the exact time on hover. */
export function When(props: { time?: string }) {
  return (
    <time dateTime={props.time} title={formatDateTime(props.time)}>
      {formatRelative(props.time)}
    </time>
  );
}

/** The lines describing one target: one per kind and IAM action. */
function targetLines(
  target: ScanTargetProgressInfo,
  maxGroups: number,
): { lines: string[]; more: number } {
  const groups = groupErrors(target.errors);
  if (groups.length === 0) {
    return {
      lines: [
        target.status === 'failed'
          ? `The scan of ${targetName(target)} failed`
          : `Some calls in ${targetName(target)} failed`,
      ],
      more: 0,
    };
  }
  const shown = groups.slice(0, maxGroups);
  const listed = shown.reduce((n, g) => n + g.count, 0);
  return {
    lines: shown.map(g => groupSentence(g, target)),
    more: Math.max(target.errorCount - listed, 0),
  };
}

/**
 * One line per partly read account and region: how many calls failed, of
 * which kinds and IAM actions, and when. What the calls were for is left to
 * the scan status view: in a shared account it is often another team's.
 */
export function PartialTargets(props: { targets: ScanTargetProgressInfo[] }) {
  return (
    <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
      {props.targets.map(target => (
        <li key={`${target.accountId}/${target.region}`}>
          <Typography variant="body2" component="span">
            {`${targetName(target)}: ${target.errorCount} call${
              target.errorCount === 1 ? '' : 's'
            } failed`}
            {target.errors.length > 0
              ? ` — ${kindsAndActions(target.errors)}`
              : ''}
            {' — '}
            <When time={targetTime(target)} />
          </Typography>
        </li>
      ))}
    </ul>
  );
}

/**
 * What went wrong in each account and region: a sentence per error kind and
 * IAM action, and when.
 */
export function TargetProblems(props: {
  targets: ScanTargetProgressInfo[];
  /** Kinds and actions listed per target; default 4. */
  maxGroups?: number;
  /** Where the whole list of errors is (the org page's scan status). */
  scanStatusLink?: string;
  /** Say when each target was read; default true. */
  showTime?: boolean;
}) {
  const { targets, maxGroups = 4, scanStatusLink, showTime = true } = props;
  return (
    <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
      {targets.map(target => {
        const { lines, more } = targetLines(target, maxGroups);
        return lines.map((line, i) => (
          <li key={`${target.accountId}/${target.region}/${i}`}>
            <Typography variant="body2" component="span">
              {line}
              {i === 0 && showTime && (
                <>
                  {' — '}
                  <When time={targetTime(target)} />
                </>
              )}
              {i === lines.length - 1 && more > 0 && (
                <>
                  {`; ${more} more failed call${more === 1 ? '' : 's'}`}
                  {scanStatusLink && (
                    <>
                      {' ('}
                      <Link to={scanStatusLink}>scan status</Link>)
                    </>
                  )}
                </>
              )}
            </Typography>
          </li>
        ));
      })}
    </ul>
  );
}
