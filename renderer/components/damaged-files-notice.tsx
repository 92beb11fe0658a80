import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { DamagedFileView } from '../../contract/features/app';
import { call, onEvent } from '../ipc/client';
import { useLayoutStyles } from '../theme/layout-styles';

/**
 * Tells the user, once, about a data file that main found damaged and set aside (it started with defaults): which
 * file, where, why, and where the old content was kept. Files found before this window opened are fetched; later ones
 * arrive as events.
 */
export function DamagedFilesNotice() {
  const [files, setFiles] = useState<DamagedFileView[]>([]);
  const layout = useLayoutStyles();
  useEffect(() => {
    const add = (more: DamagedFileView[]) => setFiles((all) => [...all, ...more.filter((m) => !all.some((f) => f.keptAs === m.keptAs))]);
    const stop = onEvent('app:fileDamaged', (file) => add([file]));
    call('app:damagedFiles', {}).then(add, () => undefined);
    return stop;
  }, []);
  if (files.length === 0) return null;
  return (
    <div role="region" aria-label="Damaged data files" className={layout.notices}>
      {files.map((file) => (
        <MessageBar key={file.keptAs} intent="warning" layout="multiline" data-testid="damaged-file">
          <MessageBarBody>
            <MessageBarTitle>{file.name} could not be read</MessageBarTitle>
            {file.path}: {file.reason}. Batch Deck kept the damaged file as <code>{file.keptAs}</code> and started with defaults.
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="transparent" onClick={() => setFiles((all) => all.filter((f) => f !== file))} aria-label={`Dismiss the notice about ${file.name}`}>
              Dismiss
            </Button>
          </MessageBarActions>
        </MessageBar>
      ))}
    </div>
  );
}
