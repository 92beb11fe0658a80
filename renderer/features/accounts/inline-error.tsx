import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ErrorCode } from '../../../contract/errors';
import { errorTitles } from '../../ipc/error-text';

/** A contract error shown where it happened: its title, code and the message main sent (e.g. the service's own text). */
export function InlineError(props: { error: unknown; testId?: string }) {
  if (!props.error) return null;
  const error = props.error;
  // A ContractCallError, or an error that crossed as data inside an event ({ code, message }).
  const given = (error as { code?: unknown }).code;
  const code: ErrorCode = typeof given === 'string' && given in errorTitles ? (given as ErrorCode) : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  return (
    <MessageBar intent="error" data-testid={props.testId ?? 'inline-error'} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{errorTitles[code]}</MessageBarTitle>
        <code>{code}</code>: {message}
      </MessageBarBody>
    </MessageBar>
  );
}
