import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';

/** Asks before an upload replaces what already exists in the target folder: replace them, skip them, or stop. */
export function OverwriteDialog(props: { names: string[]; folder: string; onOverwrite: () => void; onSkip: () => void; onCancel: () => void }) {
  const shown = props.names.slice(0, 10).join(', ') + (props.names.length > 10 ? ` and ${props.names.length - 10} more` : '');
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onCancel()}>
      <DialogSurface data-testid="overwrite-dialog">
        <DialogBody>
          <DialogTitle>Replace existing files?</DialogTitle>
          <DialogContent>
            {shown} already {props.names.length === 1 ? 'exists' : 'exist'} in {props.folder}. Replacing keeps the old file until the new one is
            complete.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={props.onOverwrite}>
              Replace
            </Button>
            <Button onClick={props.onSkip}>Skip those</Button>
            <Button onClick={props.onCancel}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
