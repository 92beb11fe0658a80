import { Button, Field, Input, makeStyles, Switch, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../../ipc/client';
import { useLocalDefaults } from './use-files';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  input: { minWidth: '360px' },
});

/** Where a download goes: a folder main writes into, or (web host, files only) the browser's own download. */
export interface DownloadTarget {
  dir: string;
  setDir: (dir: string) => void;
  /** True when files are saved by the browser (the web host's default); folders still go to `dir`. */
  viaBrowser: boolean;
  setViaBrowser: (on: boolean) => void;
  /** The host has no native picker (the web host): the browser can save files. */
  browserAvailable: boolean;
}

/**
 * Where downloads go on this computer. Electron: a folder (the Downloads folder unless the user types or picks
 * another), written as `NAME.partial` until each file is complete. Web host: files go to the browser's download by
 * default (main fetches them first, then the page saves them), or to a typed folder when the user prefers it.
 */
export function useDownloadTarget(): DownloadTarget {
  const defaults = useLocalDefaults();
  const [typed, setDir] = useState<string | undefined>();
  const [chosen, setViaBrowser] = useState<boolean | undefined>();
  const browserAvailable = defaults.data !== undefined && !defaults.data.nativePicker;
  return { dir: typed ?? defaults.data?.downloadDir ?? '', setDir, viaBrowser: browserAvailable && (chosen ?? true), setViaBrowser, browserAvailable };
}

/** The download target's fields: "Save with the browser" (web host), the folder, and "Choose…" with a native picker. */
export function DownloadFolderField(props: { target: DownloadTarget }) {
  const styles = useStyles();
  const defaults = useLocalDefaults();
  const { target } = props;
  const choose = async () => {
    const picked = await call('files:pick-folder', { title: 'Download to folder' });
    if (picked.path) target.setDir(picked.path);
  };
  return (
    <div className={styles.row}>
      {target.browserAvailable && (
        <Switch label="Save files with the browser (folders go to the folder)" checked={target.viaBrowser} onChange={(_, d) => target.setViaBrowser(d.checked)} />
      )}
      <Field label="Download to folder on this computer" size="small">
        <Input className={styles.input} size="small" value={target.dir} onChange={(_, d) => target.setDir(d.value)} aria-label="Download folder" />
      </Field>
      {defaults.data?.nativePicker && (
        <Button size="small" onClick={() => void choose()}>
          Choose…
        </Button>
      )}
    </div>
  );
}
