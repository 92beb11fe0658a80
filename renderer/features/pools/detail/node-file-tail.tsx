import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FileChunk } from '../../../../contract/features/batch-models';
import { ServiceErrorMessage } from '../../../components/service-error-message';
import { ContractCallError } from '../../../ipc/client';
import { useScopedAccountId } from '../../accounts/account-scope';
import { useNodeFileReader } from './use-nodes';

/** The start task files on a Linux node. */
export type NodeFileName = 'stdout.txt' | 'stderr.txt';

const useStyles = makeStyles({
  tail: { display: 'grid', gap: tokens.spacingVerticalS },
  controls: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  text: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    background: tokens.colorNeutralBackground3,
    height: 'calc(100vh - 420px)',
    overflow: 'auto',
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
  },
});

const sliceBytes = 64 * 1024;
const followBytes = 256 * 1024;
/** Past this much text the oldest part leaves the view (it stays reachable with "Load earlier"). */
const maxShownChars = 2_000_000;

/** A window [start, end) of the file's bytes and the file's size at the last read. */
interface Shown {
  start: number;
  end: number;
  size: number;
  text: string;
}

/** True when the file is not there yet (the start task has not written it). */
function isMissing(error: unknown): boolean {
  return error instanceof ContractCallError && error.details?.serviceCode === 'FileNotFound';
}

/** `shown` with a newly read chunk appended, keeping at most {@link maxShownChars} characters. */
function append(shown: Shown, chunk: FileChunk): Shown {
  const text = shown.text + chunk.text;
  if (text.length <= maxShownChars) return { start: shown.start, end: chunk.end, size: chunk.size, text };
  const dropped = text.slice(0, text.length - maxShownChars);
  return { start: shown.start + new TextEncoder().encode(dropped).length, end: chunk.end, size: chunk.size, text: text.slice(dropped.length) };
}

/** Another file tailed the same way (a task's stdout/stderr): its stable reader, its name and what "missing" means. */
export interface OtherFile {
  read: (request: { fromByte?: number; maxBytes: number; tail: boolean }) => Promise<FileChunk>;
  label: string;
  missing: string;
  testId: string;
}

/**
 * One node file read a range at a time through the files API: its last 64 KiB first, then (while following) every
 * 2 s from where the last read ended; "Load earlier" reads the 64 KiB before the window.
 */
export function NodeFileTail(props: { poolId: string; nodeId: string; path: string; follow: boolean; onStopFollowing: () => void; other?: OtherFile }) {
  const { poolId, nodeId, path, follow, other } = props;
  const styles = useStyles();
  const [shown, setShown] = useState<Shown | undefined>();
  const [error, setError] = useState<unknown>();
  const preRef = useRef<HTMLPreElement>(null);
  const nodeRead = useNodeFileReader(useScopedAccountId(), poolId, nodeId, path);
  const read = other?.read ?? nodeRead;
  const readTail = useCallback(
    () =>
      read({ maxBytes: sliceBytes, tail: true }).then(
        (chunk) => (setError(undefined), setShown({ start: chunk.start, end: chunk.end, size: chunk.size, text: chunk.text })),
        (failure: unknown) => setError(failure),
      ),
    [read],
  );

  useEffect(() => {
    void readTail();
  }, [readTail]);

  useEffect(() => {
    if (!follow) return;
    const timer = setInterval(() => {
      if (document.hidden) return;
      if (!shown) return void readTail();
      read({ fromByte: shown.end, maxBytes: followBytes, tail: false }).then(
        (chunk) => {
          setError(undefined);
          if (chunk.start === shown.end && chunk.text !== '') setShown((s) => (s ? append(s, chunk) : s));
          else if (chunk.size !== shown.size) setShown((s) => (s ? { ...s, size: chunk.size } : s));
        },
        (failure: unknown) => setError(failure),
      );
    }, 2000);
    return () => clearInterval(timer);
  }, [follow, read, readTail, shown]);

  useEffect(() => {
    if (follow && preRef.current) preRef.current.scrollTop = preRef.current.scrollHeight;
  }, [shown?.text, follow]);

  const loadEarlier = async () => {
    if (!shown || shown.start === 0) return;
    const from = Math.max(0, shown.start - sliceBytes);
    const chunk = await read({ fromByte: from, maxBytes: shown.start - from, tail: false });
    props.onStopFollowing();
    setShown((s) => (s ? { ...s, start: chunk.start, text: chunk.text + s.text } : s));
  };

  return (
    <div className={styles.tail}>
      <div className={styles.controls}>
        <Button size="small" disabled={!shown || shown.start === 0} onClick={() => void loadEarlier()}>
          Load earlier
        </Button>
        {shown && (
          <Caption1>
            {path}: bytes {shown.start.toLocaleString()}–{shown.end.toLocaleString()} of {shown.size.toLocaleString()}
          </Caption1>
        )}
      </div>
      {error !== undefined &&
        (isMissing(error) ? <Caption1>{other?.missing ?? `No ${path} on this node yet: the start task has not written it.`}</Caption1> : <ServiceErrorMessage error={error} />)}
      {shown && (
        <pre
          ref={preRef}
          data-testid={other?.testId ?? 'start-task-output'}
          aria-label={other?.label ?? `${path} of ${nodeId}`}
          className={styles.text}
        >
          {shown.text || '(empty)'}
        </pre>
      )}
    </div>
  );
}
