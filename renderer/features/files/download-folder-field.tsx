import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../../ipc/client';
import { useLocalDefaults } from './use-files';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  input: { minWidth: '360px' },
});

/**
 * Where downloads go on this computer: the Downloads folder unless the user types another, or picks one with the OS
 * dialog where the host has one (Electron). Main writes there, as `NAME.partial` until each file is complete.
 */
export function useDownloadFolder(): [string, (dir: string) => void] {
  const defaults = useLocalDefaults();
  const [typed, setTyped] = useState<string | undefined>();
  return [typed ?? defaults.data?.downloadDir ?? '', setTyped];
}

/** The download folder's field, with "Choose…" when the host has a native picker. */
export function DownloadFolderField(props: { value: string; onChange: (dir: string) => void }) {
  const styles = useStyles();
  const defaults = useLocalDefaults();
  const choose = async () => {
    const picked = await call('files:pick-folder', { title: 'Download to folder' });
    if (picked.path) props.onChange(picked.path);
  };
  return (
    <div className={styles.row}>
      <Field label="Download to folder on this computer" size="small">
        <Input className={styles.input} size="small" value={props.value} onChange={(_, d) => props.onChange(d.value)} aria-label="Download folder" />
      </Field>
      {defaults.data?.nativePicker && (
        <Button size="small" onClick={() => void choose()}>
          Choose…
        </Button>
      )}
    </div>
  );
}
