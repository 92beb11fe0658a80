import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { usePoolSnapshot } from '../use-pools';

/**
 * On a copy: what the new pool does not take over. Fields api-version 2025-06-01 removed (certificate references,
 * resource tags, node communication mode, cloud services) are never reported for a pool any more, so they are named
 * as a class; parts the form cannot carry (mounts with credentials, user accounts, …) are named one by one.
 */
export function CopyNote(props: { accountId: string; from: string | undefined }) {
  const source = usePoolSnapshot(props.accountId, props.from);
  if (!props.from || !source.data) return null;
  const parts = source.data.notCopied ?? [];
  return (
    <MessageBar intent={parts.length ? 'warning' : 'info'} layout="multiline" data-testid="copy-note">
      <MessageBarBody>
        <MessageBarTitle>Copy of {props.from}</MessageBarTitle>
        {parts.length ? `Not copied: ${parts.join('; ')}. Add them after creating the pool if you need them. ` : 'Every setting the form has is copied. '}
        Certificate references, resource tags and the node communication mode were removed from Batch in api-version 2025-06-01
        and are dropped if the original pool had them.
      </MessageBarBody>
    </MessageBar>
  );
}
