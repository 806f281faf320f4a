import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useEffect, useRef, useState } from 'react';
import { sageMakerSecurityApiRef } from '../../api';
import type { ScanRun } from '../../api';

const RUNNING = ['queued', 'running'];

/** Share of account/region targets that are done, 0–100; undefined when unknown. */
export function scanProgress(scan: ScanRun): number | undefined {
  if (scan.targets.length === 0) {
    return undefined;
  }
  const done = scan.targets.filter(
    t => t.status !== 'pending' && t.status !== 'running',
  ).length;
  return Math.round((done / scan.targets.length) * 100);
}

/** Starts a scan, shows its progress, and reports when it ends. */
export function RescanButton(props: {
  onFinished: (scan: ScanRun) => void;
  pollIntervalMs?: number;
}) {
  const { onFinished, pollIntervalMs = 2000 } = props;
  const api = useApi(sageMakerSecurityApiRef);
  const [scan, setScan] = useState<ScanRun>();
  /** Set while a scan is being polled. */
  const [pollingId, setPollingId] = useState<string>();
  const [error, setError] = useState<string>();
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;

  const running = scan !== undefined && RUNNING.includes(scan.status);

  useEffect(() => {
    if (!pollingId) {
      return undefined;
    }
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const next = await api.getScan(pollingId);
        if (cancelled) {
          return;
        }
        setScan(next);
        if (RUNNING.includes(next.status)) {
          timer = setTimeout(poll, pollIntervalMs);
        } else {
          setPollingId(undefined);
          onFinishedRef.current(next);
        }
      } catch (e) {
        if (!cancelled) {
          setError((e as Error).message);
          setScan(undefined);
          setPollingId(undefined);
        }
      }
    };
    timer = setTimeout(poll, pollIntervalMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, pollingId, pollIntervalMs]);

  const start = async () => {
    setError(undefined);
    try {
      const started = await api.startScan();
      setScan(started);
      if (RUNNING.includes(started.status)) {
        setPollingId(started.id);
      } else {
        onFinishedRef.current(started);
      }
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const progress = scan ? scanProgress(scan) : undefined;
  return (
    <Box minWidth={220}>
      <Button
        variant="outlined"
        size="small"
        startIcon={<RefreshIcon />}
        onClick={start}
        disabled={running}
      >
        {running ? 'Scanning…' : 'Rescan'}
      </Button>
      {running && (
        <Box mt={1} role="status" aria-live="polite">
          <LinearProgress
            variant={progress === undefined ? 'indeterminate' : 'determinate'}
            value={progress}
            aria-label="Scan progress"
          />
          <Typography variant="caption">
            Scan {scan!.status}
            {progress === undefined ? '' : `: ${progress}% of targets done`}
          </Typography>
        </Box>
      )}
      {scan && !running && (
        <Typography variant="caption" role="status" display="block">
          Scan {scan.status}
          {scan.status === 'partial' || scan.status === 'failed'
            ? `: ${
                scan.targets.filter(
                  t => t.status === 'failed' || t.status === 'partial',
                ).length
              } of ${scan.targets.length} targets could not be read completely`
            : ''}
        </Typography>
      )}
      {error && (
        <Typography
          variant="caption"
          color="error"
          role="alert"
          display="block"
        >
          Could not scan: {error}
        </Typography>
      )}
    </Box>
  );
}
