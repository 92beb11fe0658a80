import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { describeError } from '../../ipc/error-text';

/** A contract error shown where it happened: its title, code and the message main sent (e.g. the service's own text). */
export function InlineError(props: { error: unknown; testId?: string }) {
  if (!props.error) return null;
  // A ContractCallError, or an error that crossed as data inside an event ({ code, message }); the code stays data.
  const { code, title, message } = describeError(props.error);
  return (
    <MessageBar intent="error" data-testid={props.testId ?? 'inline-error'} data-code={code} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
      </MessageBarBody>
    </MessageBar>
  );
}
