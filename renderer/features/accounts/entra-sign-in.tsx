import { Body1, Button, Field, Input, Link, makeStyles, mergeClasses, Radio, RadioGroup, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { SignInProgress } from '../../../contract/features/accounts';
import { useLayoutStyles } from '../../theme/layout-styles';
import { InlineError } from './inline-error';
import { useSignInActions, useSignInEvents, useSignInState } from './use-entra';

const useStyles = makeStyles({
  deviceCode: { display: 'grid', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalM, backgroundColor: tokens.colorNeutralBackground3 },
  code: { width: '180px' },
});

/** Start a Microsoft Entra ID sign-in (system browser by default, or device code) and follow its progress. */
export function EntraSignIn() {
  useSignInEvents();
  const { start, cancel } = useSignInActions();
  const { signInId, progress } = useSignInState();
  const [method, setMethod] = useState<'browser' | 'deviceCode'>('browser');
  const [tenant, setTenant] = useState('');
  const waiting = Boolean(signInId) && (!progress || progress.state === 'waitingForBrowser' || progress.state === 'deviceCode');
  const layout = useLayoutStyles();

  return (
    <div className={mergeClasses(layout.stack, layout.readable)}>
      <Subtitle2 as="h3">Sign in with Microsoft Entra ID</Subtitle2>
      <RadioGroup layout="horizontal" value={method} onChange={(_, d) => setMethod(d.value as 'browser' | 'deviceCode')} aria-label="Sign-in method">
        <Radio value="browser" label="In my browser" />
        <Radio value="deviceCode" label="With a code on another device" />
      </RadioGroup>
      <Field label="Tenant (optional)" hint="A tenant id or domain such as contoso.onmicrosoft.com. Leave empty to use your home tenant.">
        <Input value={tenant} onChange={(_, d) => setTenant(d.value.trim())} spellCheck={false} />
      </Field>
      <div className={layout.row}>
        <Button appearance="primary" disabled={waiting || start.isPending} onClick={() => start.mutate(tenant ? { method, tenant } : { method })}>
          Sign in
        </Button>
        {waiting && signInId && (
          <Button onClick={() => cancel.mutate(signInId)} disabled={cancel.isPending}>
            Cancel sign-in
          </Button>
        )}
      </div>
      <InlineError error={start.error} />
      {signInId && <SignInProgressView progress={progress} />}
    </div>
  );
}

/** What the user must do now, or how the sign-in ended. */
function SignInProgressView(props: { progress: SignInProgress | undefined }) {
  const { progress } = props;
  if (!progress) return <Spinner size="tiny" label="Starting sign-in…" labelPosition="after" />;
  switch (progress.state) {
    case 'waitingForBrowser':
      return (
        <Body1 data-testid="sign-in-browser">
          Finish signing in in your browser.{' '}
          <Link href={progress.url} target="_blank" rel="noopener noreferrer">
            Open the sign-in page
          </Link>{' '}
          if it did not open.
        </Body1>
      );
    case 'deviceCode':
      return <DeviceCode userCode={progress.userCode} verificationUri={progress.verificationUri} message={progress.message} />;
    case 'completed':
      return <Body1 data-testid="sign-in-done">Signed in as {progress.identity.username}. Pick a tenant below to find your Batch accounts.</Body1>;
    case 'failed':
      return <InlineError error={Object.assign(new Error(progress.message), { code: progress.code })} />;
    case 'cancelled':
      return <Body1>Sign-in cancelled.</Body1>;
  }
}

/** The device code, selectable and copyable, with where to enter it. */
function DeviceCode(props: { userCode: string; verificationUri: string; message: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string>();
  const layout = useLayoutStyles();
  const styles = useStyles();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.userCode);
      setCopied('Copied');
    } catch {
      // Clipboard access can be denied (Electron denies permission requests): select it for Ctrl+C instead.
      input.current?.select();
      setCopied('Selected: press Ctrl+C to copy');
    }
  };
  return (
    <div data-testid="device-code" className={styles.deviceCode}>
      <Body1>{props.message}</Body1>
      <div className={layout.row}>
        <Input ref={input} readOnly value={props.userCode} aria-label="Device code" className={mergeClasses(layout.monospace, styles.code)} onFocus={(e) => e.target.select()} />
        <Button onClick={() => void copy()}>Copy code</Button>
        <Link href={props.verificationUri} target="_blank" rel="noopener noreferrer">
          {props.verificationUri}
        </Link>
      </div>
      {copied && <Body1 aria-live="polite">{copied}</Body1>}
      <Spinner size="tiny" label="Waiting for you to enter the code…" labelPosition="after" />
    </div>
  );
}
