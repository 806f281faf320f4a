import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import { sageMakerSecurityApiRef } from '../../api';

/** Saves a Blob under a file name through a temporary object URL. */
export function downloadBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}

/**
 * Downloads the current findings as CSV (`GET /export?format=csv`): of one
 * entity, of a team's ML services, or of every service the reader may read.
 */
export function ExportCsvButton(props: { entityRef?: string; owner?: string }) {
  const api = useApi(sageMakerSecurityApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);

  const exportCsv = async () => {
    setBusy(true);
    try {
      const blob = await api.exportFindingsCsv({
        ...(props.entityRef ? { entityRef: props.entityRef } : {}),
        ...(props.owner ? { owner: props.owner } : {}),
      });
      const date = new Date().toISOString().slice(0, 10);
      downloadBlob(blob, `sagemaker-security-findings-${date}.csv`);
    } catch (e) {
      alertApi.post({
        message: `Could not export findings: ${(e as Error).message}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      variant="outlined"
      startIcon={<GetAppIcon />}
      onClick={exportCsv}
      disabled={busy}
    >
      {busy ? 'Exporting…' : `Export ${props.owner ? 'team ' : ''}CSV`}
    </Button>
  );
}
