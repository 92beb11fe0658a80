import { Button, Divider, Title2, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { serviceErrorInfo, ServiceErrorMessage } from '../../../components/service-error-message';
import { useNavigation } from '../../../navigation';
import { useScopedAccountId } from '../../accounts/account-scope';
import { useSettings, useUpdateSettings } from '../../settings/use-settings';
import { PoolCostPanel } from '../../pricing/pool-cost-panel';
import { CloudServicesRetiredNote } from '../cloud-services-note';
import { useCreatePool, usePools, usePoolSnapshot } from '../use-pools';
import { BasicsFields } from './basics-fields';
import { draftFromPool, useDraftStore, withImageFromRoute } from './draft-store';
import { ImageFields } from './image-fields';
import { checkDraft, fieldOfServiceError, newDraft, previewBody, updateDraft, type PoolDraft } from './pool-draft';
import { RequestPreview } from './request-preview';
import { SshAccessFields } from './ssh-access-fields';
import { PoolOptionsSections } from './pool-options-sections';
import { StartTaskFields } from './start-task-fields';

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
  const go = useNavigation((s) => s.go);
  const account = usePools(accountId).data?.account;
  const saveSettings = useUpdateSettings();
  const check = useMemo(() => (draft ? checkDraft(draft) : undefined), [draft]);
  const create = useCreatePool(accountId, (poolId, spec) => {
    if (spec.ssh?.enabled !== false && spec.ssh?.sourceAddressPrefix) saveSettings.mutate({ operatorSourcePrefix: spec.ssh.sourceAddressPrefix });
    reset();
    go('pools', { accountId, poolId, created: '1' });
  });
  if (!draft || !check) return <p style={{ padding: 24 }}>Loading…</p>;

  const service = create.isError ? serviceErrorInfo(create.error) : undefined;
  const serviceField = service ? fieldOfServiceError(service.code, service.property) : undefined;
  const change = (patch: Partial<PoolDraft>) => {
    setTouched((t) => new Set([...t, ...Object.keys(patch)]));
    set(updateDraft(draft, patch));
    if (create.isError) create.reset();
  };
  const shown = (path: string) => submitted || touched.has(path.split('.')[0] as string);
  const error = (path: string) => (serviceField === path ? `${service?.code}: ${service?.message}` : shown(path) ? check.errors[path] : undefined);
  const warning = (path: string) => check.warnings[path];
  const section = { draft, change, error, warning };
  const submit = () => {
    setSubmitted(true);
    if (check.spec) create.mutate(check.spec);
  };
  return (
    <section aria-labelledby="page-title" style={{ padding: '16px 24px', display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(320px, 2fr)', gap: 24 }}>
      <form aria-label="Create pool" noValidate onSubmit={(e) => (e.preventDefault(), submit())} style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 16, alignContent: 'start', minWidth: 0 }}>
        <div style={{ display: 'flex', alignItems: 'baseline', gap: 16 }}>
          <Title2 as="h2" id="page-title">
            Create pool
          </Title2>
          <Button appearance="subtle" onClick={() => go('pools')}>
            Back to pools
          </Button>
        </div>
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
        {submitted && !check.spec && (
          <p role="alert" style={{ color: tokens.colorPaletteRedForeground1, margin: 0 }}>
            Fix the {Object.keys(check.errors).length} highlighted field(s); nothing was sent.
          </p>
        )}
        <div style={{ display: 'flex', gap: 8 }}>
          <Button appearance="primary" type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create pool'}
          </Button>
          <Button onClick={() => (reset(), go('pools'))}>Discard</Button>
        </div>
      </form>
      <RequestPreview body={previewBody(draft)} valid={check.spec !== undefined} account={account} />
    </section>
  );
}
