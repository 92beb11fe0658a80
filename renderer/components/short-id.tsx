import { makeStyles, tokens } from '@fluentui/react-components';
import type { ClipboardEvent } from 'react';
import { middleEllipsis } from './middle-ellipsis';

const useStyles = makeStyles({
  id: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap', userSelect: 'text', cursor: 'text' },
});

/**
 * A monospace identifier shortened in the middle. The whole value is the tooltip, and copying a selection inside it
 * (Ctrl+C, or the context menu) copies the whole value, not the `…`.
 */
export function ShortId(props: { value: string; head?: number; tail?: number; testId?: string }) {
  const styles = useStyles();
  const onCopy = (event: ClipboardEvent<HTMLElement>) => {
    event.clipboardData.setData('text/plain', props.value);
    event.preventDefault();
  };
  return (
    <code className={styles.id} title={props.value} data-full={props.value} data-testid={props.testId} onCopy={onCopy}>
      {middleEllipsis(props.value, props.head, props.tail)}
    </code>
  );
}
