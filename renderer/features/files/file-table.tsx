import { Breadcrumb, BreadcrumbButton, BreadcrumbDivider, BreadcrumbItem, makeStyles, tokens } from '@fluentui/react-components';
import { Fragment, type ReactNode } from 'react';
import type { FileEntry } from '../../../contract/features/files';
import { VirtualTable, type VirtualColumn } from '../../components/virtual-table';
import { formatBytes } from './use-files';

const columns: VirtualColumn[] = [
  { key: 'name', header: 'Name', grow: 1 },
  { key: 'size', header: 'Size' },
  { key: 'modified', header: 'Modified' },
  { key: 'actions', header: '', min: 180 },
];

const useStyles = makeStyles({
  linkButton: { background: 'none', border: 'none', padding: 0, color: tokens.colorBrandForegroundLink, cursor: 'pointer', font: 'inherit', textDecoration: 'underline' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM },
  empty: { padding: tokens.spacingHorizontalL },
});

/** A small text button inside a table row (native: a Fluent Button per row costs more than the row when scrolling). */
export function RowButton(props: { label: string; onClick: () => void; children: ReactNode }) {
  const styles = useStyles();
  return (
    <button type="button" className={styles.linkButton} onClick={props.onClick} aria-label={props.label}>
      {props.children}
    </button>
  );
}

/** A folder's entries: folders open on click, files show their size and time; `actions` adds per-row buttons. */
export function FileTable(props: { label: string; entries: FileEntry[]; onOpenFolder: (entry: FileEntry) => void; onOpenFile?: (entry: FileEntry) => void; actions: (entry: FileEntry) => ReactNode }) {
  const styles = useStyles();
  const { entries } = props;
  return (
    <VirtualTable
      label={props.label}
      testId="file-table"
      columns={columns}
      rowCount={entries.length}
      rowKey={(i) => (entries[i] as FileEntry).path}
      rowProps={(i) => ({ 'data-name': (entries[i] as FileEntry).name })}
      height="max(240px, calc(100vh - 640px))"
      empty={<p className={styles.empty}>This folder is empty.</p>}
      renderCell={(i, column) => {
        const entry = entries[i] as FileEntry;
        switch (column) {
          case 'name':
            if (entry.isDirectory) return <RowButton label={`Open folder ${entry.name}`} onClick={() => props.onOpenFolder(entry)}>{entry.name}/</RowButton>;
            return props.onOpenFile ? <RowButton label={`Preview ${entry.name}`} onClick={() => props.onOpenFile?.(entry)}>{entry.name}</RowButton> : entry.name;
          case 'size':
            return entry.isDirectory ? '—' : formatBytes(entry.size);
          case 'modified':
            return entry.modified ? new Date(entry.modified).toLocaleString() : '—';
          case 'actions':
            return <span className={styles.actions}>{props.actions(entry)}</span>;
          default:
            return null;
        }
      }}
    />
  );
}

/** The path as clickable segments: `root` then each folder; `onGo` receives the path to go to. */
export function PathCrumbs(props: { rootLabel: string; rootPath: string; path: string; onGo: (path: string) => void }) {
  const rest = props.path.startsWith(props.rootPath) ? props.path.slice(props.rootPath.length) : props.path;
  const parts = rest.split('/').filter(Boolean);
  const join = (n: number) => {
    const tail = parts.slice(0, n).join('/');
    if (!tail) return props.rootPath;
    return props.rootPath ? `${props.rootPath.replace(/\/$/, '')}/${tail}` : tail;
  };
  return (
    <Breadcrumb size="small" aria-label="Folder">
      <BreadcrumbItem>
        <BreadcrumbButton onClick={() => props.onGo(props.rootPath)}>{props.rootLabel}</BreadcrumbButton>
      </BreadcrumbItem>
      {parts.map((part, i) => (
        <Fragment key={`${i}-${part}`}>
          <BreadcrumbDivider />
          <BreadcrumbItem>
            <BreadcrumbButton current={i === parts.length - 1} onClick={() => props.onGo(join(i + 1))}>
              {part}
            </BreadcrumbButton>
          </BreadcrumbItem>
        </Fragment>
      ))}
    </Breadcrumb>
  );
}
