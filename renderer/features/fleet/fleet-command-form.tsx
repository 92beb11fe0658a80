import { Button, Caption1, Checkbox, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Textarea } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { nodeColumn, type NodeRow } from '../../../contract/features/batch-models';
import { fleetCommandSchema, type FleetTarget } from '../../../contract/features/fleet';
import { ServiceErrorMessage } from '../../components/service-error-message';
import { useScopedAccountId } from '../accounts/account-scope';
import { ProvisionDialog } from '../connect/provision-dialog';
import { countByState, stateLabel } from '../pools/node-state-style';
import { useFleetStyles } from './fleet-styles';
import { doneCount, useOperations } from '../operations/use-operations';
import { useFleetDraft, useFleetPreflight } from './use-fleet';

/** Refreshes who can run commands whenever a provisioning on the pool ends; says how far a running one got. */
function useProvisionWatch(accountId: string, poolId: string): string | undefined {
  const client = useQueryClient();
  const latest = useOperations({ accountId, poolId, kinds: ['provision-apply'] }, 1)[0];
  const summary = latest?.summary;
  const ended = summary && summary.state !== 'running' ? summary.operationId : undefined;
  // Keyed by the ended operation's id: a provisioning that ran and ended between two events still refreshes.
  useEffect(() => {
    if (ended) void client.invalidateQueries({ queryKey: ['fleet:preflight', accountId, poolId] });
  }, [ended, accountId, poolId, client]);
  return summary && summary.state === 'running' ? `Provisioning ${summary.subject}: ${doneCount(summary)} of ${summary.total} nodes…` : undefined;
}

/** The request the form sends (without account and pool). */
export interface FleetRunInput {
  command: string;
  target: FleetTarget;
  targetLabel: string;
  userName?: string;
  concurrency: number;
  timeoutSeconds: number;
  acceptNewHostKeys: boolean;
}

/** A target choice and what it means. */
interface TargetChoice {
  value: string;
  label: string;
  count: number;
  target: FleetTarget | undefined;
}

/** The choices: every node, the selection, a group's nodes (when one was picked), and every state present. */
function targetChoices(rows: NodeRow[], selected: ReadonlySet<string>, group: { label: string; nodeIds: string[] } | undefined): TargetChoice[] {
  const choices: TargetChoice[] = [
    { value: 'all', label: `All nodes (${rows.length})`, count: rows.length, target: { all: true } },
    { value: 'selection', label: `Selected nodes (${selected.size})`, count: selected.size, target: selected.size > 0 ? { nodeIds: [...selected] } : undefined },
  ];
  if (group) choices.push({ value: 'group', label: `${group.label} (${group.nodeIds.length})`, count: group.nodeIds.length, target: { nodeIds: group.nodeIds } });
  for (const [state, count] of countByState(rows.map((r) => r[nodeColumn.state]))) {
    choices.push({ value: `state:${state}`, label: `All ${stateLabel(state)} (${count})`, count, target: { states: [state] } });
  }
  return choices;
}

/**
 * The command form: command text, which nodes (all, the selection, a group's nodes, or a state), as which provisioned
 * user, concurrency, per-node timeout and host-key policy. Checks the command with the contract's schema before it
 * sends; with no usable user on the nodes it offers to provision one with the managed key instead of running.
 */
export function FleetCommandForm(props: { poolId: string; rows: NodeRow[]; selected: ReadonlySet<string>; running: boolean; error: unknown; onRun(input: FleetRunInput): void }) {
  const styles = useFleetStyles();
  const accountId = useScopedAccountId();
  // A group's "Run next command on these" sets the target through the draft store.
  const { command, setCommand, groupNodes, picked, pick } = useFleetDraft();
  const choices = useMemo(() => targetChoices(props.rows, props.selected, groupNodes), [props.rows, props.selected, groupNodes]);
  const fallback = groupNodes ? 'group' : props.selected.size > 0 ? 'selection' : 'all';
  const choice = choices.find((c) => c.value === (picked ?? fallback)) ?? (choices[0] as TargetChoice);
  const [userName, setUserName] = useState<string>();
  const [concurrency, setConcurrency] = useState('32');
  const [timeout, setTimeoutSeconds] = useState('60');
  const [acceptNew, setAcceptNew] = useState(true);
  const [touched, setTouched] = useState(false);
  const [provisioning, setProvisioning] = useState(false);
  const preflight = useFleetPreflight(accountId, props.poolId, choice.target);
  const provisionProgress = useProvisionWatch(accountId, props.poolId);
  const users = (preflight.data?.users ?? []).filter((u) => u.usableOn > 0 && u.authKind !== 'publicKey');
  const user = users.find((u) => u.userName === userName)?.userName ?? preflight.data?.suggestedUser;
  const coverage = users.find((u) => u.userName === user);
  const targetCount = preflight.data?.targetCount ?? 0;
  const parsed = fleetCommandSchema.safeParse(command);
  const errors = {
    command: parsed.success ? undefined : parsed.error.issues[0]?.message,
    target: choice.target ? undefined : 'No nodes are selected: select nodes in the heat map or the table, or choose all nodes.',
    concurrency: /^\d+$/.test(concurrency) && +concurrency >= 1 && +concurrency <= 256 ? undefined : 'Between 1 and 256.',
    timeout: /^\d+$/.test(timeout) && +timeout >= 1 && +timeout <= 3600 ? undefined : 'Between 1 and 3,600 seconds.',
  };
  const noUser = preflight.isSuccess && users.length === 0;
  const submit = () => {
    setTouched(true);
    if (Object.values(errors).some((e) => e !== undefined) || !choice.target || noUser) return;
    props.onRun({ command, target: choice.target, targetLabel: choice.label, ...(user ? { userName: user } : {}), concurrency: +concurrency, timeoutSeconds: +timeout, acceptNewHostKeys: acceptNew });
  };
  const show = (message: string | undefined) => (touched ? message : undefined);
  const selectedForProvisioning = choice.target && 'nodeIds' in choice.target ? choice.target.nodeIds : [];
  return (
    <form className={styles.form} aria-label="Run a command on nodes" onSubmit={(e) => (e.preventDefault(), submit())}>
      <Field
        label="Command"
        hint={
          <>
            Runs non-interactively (no terminal) through each node&apos;s SSH login, as the chosen user.
            <br />
            Commands are kept in this pool&apos;s history; don&apos;t put secrets in them.
          </>
        }
        validationMessage={show(errors.command)}
      >
        <Textarea className={styles.command} value={command} onChange={(_, d) => setCommand(d.value)} resize="vertical" placeholder="nvidia-smi --query-gpu=driver_version --format=csv,noheader" />
      </Field>
      <div className={styles.row}>
        <Field label="Nodes" validationMessage={show(errors.target)}>
          <Dropdown
            aria-label="Run on"
            value={choice.label}
            selectedOptions={[choice.value]}
            onOptionSelect={(_, d) => d.optionValue && pick(d.optionValue)}
          >
            {choices.map((c) => (
              <Option key={c.value} value={c.value}>
                {c.label}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="As user">
          <Dropdown aria-label="As user" value={user ?? ''} placeholder={noUser ? 'No user' : 'Checking…'} selectedOptions={user ? [user] : []} onOptionSelect={(_, d) => setUserName(d.optionValue)}>
            {users.map((u) => (
              <Option key={u.userName} value={u.userName} text={u.userName}>{`${u.userName} (on ${u.usableOn} of ${preflight.data?.targetCount ?? 0})`}</Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="At once" validationMessage={show(errors.concurrency)}>
          <Input className={styles.number} type="number" value={concurrency} onChange={(_, d) => setConcurrency(d.value)} />
        </Field>
        <Field label="Timeout per node (s)" validationMessage={show(errors.timeout)}>
          <Input className={styles.number} type="number" value={timeout} onChange={(_, d) => setTimeoutSeconds(d.value)} />
        </Field>
        <Button appearance="primary" type="submit" disabled={props.running}>
          Run on {choice.count.toLocaleString()} node{choice.count === 1 ? '' : 's'}
        </Button>
      </div>
      {coverage && (
        <Caption1 data-testid="fleet-user-coverage">
          {coverage.usableOn === targetCount
            ? `${coverage.userName} can log in on ${targetCount === 1 ? 'the node' : `all ${targetCount.toLocaleString()} nodes`}`
            : `${coverage.userName} can log in on ${coverage.usableOn.toLocaleString()} of ${targetCount.toLocaleString()} nodes; the others will be reported unreachable (no user)`}
          {provisionProgress ? ` · ${provisionProgress}` : ''}
        </Caption1>
      )}
      <Checkbox checked={acceptNew} onChange={(_, d) => setAcceptNew(d.checked === true)} label="Trust the host key of a node seen for the first time (a changed key always blocks that node)" />
      {noUser && (
        <MessageBar intent="warning" data-testid="fleet-no-user">
          <MessageBarBody>
            No user Batch Deck can log in with is provisioned on these nodes, so nothing can run yet.{' '}
            {provisionProgress ?? (
              <Button size="small" onClick={() => setProvisioning(true)}>
                Provision a user with the managed key…
              </Button>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {props.error !== null && props.error !== undefined && <ServiceErrorMessage error={props.error} />}
      {provisioning && (
        <ProvisionDialog
          poolId={props.poolId}
          selectedNodeIds={selectedForProvisioning}
          existing={[]}
          open
          onClose={() => setProvisioning(false)}
          onStarted={() => undefined}
        />
      )}
    </form>
  );
}
