import Button from '@material-ui/core/Button';
import DialogActions from '@material-ui/core/DialogActions';
import type { ReactNode } from 'react';

/** Cancel and the submit button of a waiver dialog's form. */
export function DialogSubmitActions(props: {
  onClose: () => void;
  submitting: boolean;
  label: ReactNode;
}) {
  return (
    <DialogActions>
      <Button onClick={props.onClose}>Cancel</Button>
      <Button
        type="submit"
        color="primary"
        variant="contained"
        disabled={props.submitting}
      >
        {props.label}
      </Button>
    </DialogActions>
  );
}
