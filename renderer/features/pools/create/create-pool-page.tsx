import { Button, Divider, makeStyles, MessageBar, MessageBarActions, MessageBarBody, Title2, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { serviceErrorInfo, ServiceErrorMessage } from '../../../components/service-error-message';
import { useNavigation } from '../../../navigation';
import { useScopedAccountId } from '../../accounts/account-scope';
import { useSettings, useUpdateSettings } from '../../settings/use-settings';
import { PoolCostPanel } from '../../pricing/pool-cost-panel';
import { CloudServicesRetiredNote } from '../cloud-services-note';
import { useCreatePool, usePools, usePoolSnapshot } from '../use-pools';
import { BasicsFields } from './basics-fields';
import { draftFromPool, useDraftStore, withImageFromRoute } from './draft-store';
import { focusFirstError, plural } from './first-error';
import { ImageFields } from './image-fields';
import { checkDraft, fieldOfServiceError, newDraft, previewBody, updateDraft, type PoolDraft } from './pool-draft';
import { RequestPreview } from './request-preview';
import { SshAccessFields } from './ssh-access-fields';
import { PoolOptionsSections } from './pool-options-sections';
import { CopyNote } from './copy-note';
import { StartTaskFields } from './start-task-fields';

const useStyles = makeStyles({
  page: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(320px, 2fr)',
    gap: tokens.spacingHorizontalXXL,
  },
  form: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalL, alignContent: 'start', minWidth: 0 },
  header: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  summary: { color: tokens.colorPaletteRedForeground1, margin: 0 },
  loading: { padding: tokens.spacingHorizontalXXL },
});

/** Starts the draft once settings are known: from an existing pool (`from`), the route's image, or fresh. */
function useInitialDraft(accountId: string, params: Record<string, string>): PoolDraft | undefined {
  const settings = useSettings();
  const store = useDraftStore();
  const source = usePoolSnapshot(accountId, params.from);
  const prefix = settings.data?.operatorSourcePrefix ?? '';
  const ready = settings.data !== undefined && (!params.from || source.data !== undefined);
  useEffect(() => {
    if (!ready) return;
    const base = params.from && source.data ? draftFromPool(source.data, prefix) : (store.draft ?? newDraft(prefix));
    store.set(withImageFromRoute(base, params));
    // Apply the route once per visit; later edits belong to the user.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, params.from, params.publisher, params.offer, params.sku, params.agent]);
  return ready ? store.draft : undefined;
}

/** The create-pool form for the scoped account: validated as typed with the service's rules, with a live request preview. */
export function CreatePoolPage(props: { params: Record<string, string> }) {
  const accountId = useScopedAccountId();
  const draft = useInitialDraft(accountId, props.params);
  const { set, manualImage, setManualImage, reset } = useDraftStore();
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  // Bumped on each refused submit: the effect below then scrolls to the first marked field and counts them.
  const [attempt, setAttempt] = useState(0);
  const [marked, setMarked] = useState(0);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const styles = useStyles();
  const go = useNavigation((s) => s.go);
  const pools = usePools(accountId).data;
  const account = pools?.account;
  const saveSettings = useUpdateSettings();
  const check = useMemo(() => (draft ? checkDraft(draft) : undefined), [draft]);
  const create = useCreatePool(accountId, (poolId, spec) => {
    if (spec.ssh?.enabled !== false && spec.ssh?.sourceAddressPrefix) saveSettings.mutate({ operatorSourcePrefix: spec.ssh.sourceAddressPrefix });
    reset();
    go('pools', { accountId, poolId, created: '1' });
  });
  useEffect(() => {
    if (attempt > 0 && formRef.current) setMarked(focusFirstError(formRef.current));
  }, [attempt]);
  if (!draft || !check) return <p className={styles.loading}>Loading…</p>;

  const service = create.isError ? serviceErrorInfo(create.error) : undefined;
  const serviceField = service ? fieldOfServiceError(service.code, service.property) : undefined;
  const change = (patch: Partial<PoolDraft>) => {
    setTouched((t) => new Set([...t, ...Object.keys(patch)]));
    set(updateDraft(draft, patch));
    if (create.isError) create.reset();
  };
  const shown = (path: string) => submitted || touched.has(path.split('.')[0] as string);
  // Pool ids are unique regardless of case: "Render" clashes with "render", which Batch would refuse as PoolExists.
  const clash = pools?.pools.find((p) => p.id.toLowerCase() === draft.id.trim().toLowerCase());
  const clashText = clash ? `A pool named ${clash.id} already exists in this account (ids ignore case). Choose another id.` : undefined;
  const errors = clashText ? { ...check.errors, id: clashText } : check.errors;
  const error = (path: string) => (serviceField === path ? service?.message : shown(path) ? errors[path] : undefined);
  const warning = (path: string) => check.warnings[path];
  const section = { draft, change, error, warning, account };
  const submit = () => {
    setSubmitted(true);
    if (check.spec && !clashText) create.mutate(check.spec);
    else setAttempt((n) => n + 1);
  };
  const discard = () => {
    if (touched.size > 0 && !confirmDiscard) return setConfirmDiscard(true);
    reset();
    go('pools');
  };
  return (
    <section aria-labelledby="page-title" className={styles.page}>
      <form ref={formRef} aria-label="Create pool" noValidate onSubmit={(e) => (e.preventDefault(), submit())} className={styles.form}>
        <div className={styles.header}>
          <Title2 as="h2" id="page-title">
            Create pool
          </Title2>
          <Button appearance="subtle" onClick={() => go('pools')}>
            Back to pools
          </Button>
        </div>
        <CopyNote accountId={accountId} from={props.params.from} />
        <BasicsFields {...section} />
        <PoolCostPanel accountId={accountId} draft={draft} />
        <Divider />
        <ImageFields {...section} manual={manualImage} setManual={setManualImage} />
        <CloudServicesRetiredNote />
        <Divider />
        <StartTaskFields {...section} />
        <Divider />
        <SshAccessFields {...section} />
        <PoolOptionsSections {...section} />
        {create.isError && <ServiceErrorMessage error={create.error} />}
        {submitted && (!check.spec || clashText) && marked > 0 && (
          <p role="alert" className={styles.summary} data-testid="form-error-summary">
            Fix the {plural(marked, 'highlighted field')}; nothing was sent.
          </p>
        )}
        {confirmDiscard && (
          <MessageBar intent="warning" data-testid="discard-confirm">
            <MessageBarBody>Discard this pool? What you entered is lost.</MessageBarBody>
            <MessageBarActions>
              <Button onClick={discard}>Discard</Button>
              <Button appearance="primary" onClick={() => setConfirmDiscard(false)}>
                Keep editing
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create pool'}
          </Button>
          <Button onClick={discard} disabled={confirmDiscard}>
            Discard
          </Button>
        </div>
      </form>
      {/* Before any input the preview shows the request as it stands, without calling fields wrong. */}
      <RequestPreview body={previewBody(draft)} valid={check.spec !== undefined || (!submitted && touched.size === 0)} account={account} />
    </section>
  );
}
