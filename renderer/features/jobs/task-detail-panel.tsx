import { Badge, Body1Strong, Button, Caption1, Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { DismissRegular, WindowConsoleRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import type { TaskDetail } from '../../../contract/features/jobs';
import { ServiceErrorMessage } from '../../components/service-error-message';
import { useNavigation } from '../../navigation';
import { durationText } from './duration-text';
import { TaskFiles } from './task-files';
import { TaskOutput } from './task-output';
import { useOpenTaskShell } from './use-task-actions';
import { useTask } from './use-task';

const useStyles = makeStyles({
  panel: { display: 'grid', gap: tokens.spacingVerticalM, alignContent: 'start', minWidth: 0 },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grid: { display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  code: { margin: 0, padding: tokens.spacingHorizontalS, background: tokens.colorNeutralBackground3, fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  spacer: { flexGrow: 1 },
});

/** A time in the user's locale, or a dash. */
function when(at: string | undefined): string {
  return at ? new Date(at).toLocaleString() : '—';
}

/** Seconds between two times, when both are known. */
function took(start: string | undefined, end: string | undefined): string {
  if (!start || !end) return '';
  return ` (${((Date.parse(end) - Date.parse(start)) / 1000).toFixed(1)} s)`;
}

/** Term/value rows; rows whose value is undefined are left out. */
function Facts(props: { rows: [string, ReactNode | undefined][] }) {
  const styles = useStyles();
  return (
    <dl className={styles.grid}>
      {props.rows
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([term, value]) => [
          <dt key={`t-${term}`} className={styles.term}>{term}</dt>,
          <dd key={`v-${term}`} className={styles.value}>{value}</dd>,
        ])}
    </dl>
  );
}

/** Why the task failed, as Batch says it. */
function FailureInfo(props: { task: TaskDetail }) {
  const info = props.task.executionInfo?.failureInfo;
  if (!info) return null;
  return (
    <MessageBar intent="error" layout="multiline" data-testid="task-failure">
      <MessageBarBody>
        <MessageBarTitle>{info.category === 'usererror' ? 'The task failed (user error)' : `The task failed (${info.category})`}</MessageBarTitle>
        {info.code && <code>{info.code}</code>} {info.message}
        {info.details.map((d) => (
          <div key={d.name}>
            {d.name}: <code>{d.value}</code>
          </div>
        ))}
      </MessageBarBody>
    </MessageBar>
  );
}

/** One task: command line, state and times, exit code, failure, retries, node, environment, files, and its output. */
export function TaskDetailPanel(props: { accountId: string; jobId: string; taskId: string; onClose(): void }) {
  const { accountId, jobId, taskId } = props;
  const styles = useStyles();
  const go = useNavigation((s) => s.go);
  const task = useTask(accountId, jobId, taskId);
  const shell = useOpenTaskShell(accountId);
  const t = task.data;
  const exec = t?.executionInfo;
  const node = t?.nodeInfo;
  return (
    <aside aria-label={`Task ${taskId}`} className={styles.panel} data-testid="task-detail">
      <div className={styles.head}>
        <Subtitle2 as="h3">Task {taskId}</Subtitle2>
        {t && <Badge appearance="tint" color={exec?.result === 'failure' ? 'danger' : t.state === 'completed' ? 'success' : 'informative'}>{exec?.result ? `${t.state}, ${exec.result}` : t.state}</Badge>}
        <span className={styles.spacer} />
        <Button
          appearance="primary"
          icon={<WindowConsoleRegular />}
          disabled={!node?.nodeId || shell.isPending}
          title={node?.nodeId ? 'SSH to the node that ran this task, in its working directory, with its environment' : 'The task has not run on a node yet.'}
          onClick={() => shell.mutate({ jobId, taskId })}
        >
          {shell.isPending ? 'Opening a shell…' : 'Open a shell here'}
        </Button>
        <Button appearance="subtle" icon={<DismissRegular />} aria-label="Close task" onClick={props.onClose} />
      </div>
      {shell.isPending && <Spinner size="tiny" label="Adding an admin user on the node and connecting…" />}
      {shell.isError && <ServiceErrorMessage error={shell.error} />}
      {task.isPending && <Spinner label="Reading the task…" />}
      {task.isError && <ServiceErrorMessage error={task.error} />}
      {t && (
        <>
          <FailureInfo task={t} />
          <div>
            <Body1Strong>Command line</Body1Strong>
            <pre className={styles.code} data-testid="task-command-line">{t.commandLine}</pre>
          </div>
          <Facts
            rows={[
              ['State', `${t.state}${t.previousState ? ` (was ${t.previousState})` : ''} since ${when(t.stateTransitionTime)}`],
              ['Created', when(t.creationTime)],
              ['Started', exec?.startTime ? <time dateTime={exec.startTime} data-testid="task-started">{when(exec.startTime)}</time> : undefined],
              ['Ended', exec?.endTime ? <time dateTime={exec.endTime}>{`${when(exec.endTime)}${took(exec.startTime, exec.endTime)}`}</time> : undefined],
              ['Exit code', exec?.exitCode === undefined ? undefined : String(exec.exitCode)],
              ['Retries', exec ? `${exec.retryCount} of ${t.constraints.maxTaskRetryCount ?? 0} allowed${exec.requeueCount ? `, requeued ${exec.requeueCount}×` : ''}` : undefined],
              ['Wall clock limit', durationText(t.constraints.maxWallClockTime)],
              ['Kept for', t.constraints.retentionTime ? durationText(t.constraints.retentionTime) : undefined],
              ['Runs as', 'userName' in t.userIdentity ? t.userIdentity.userName : `auto-user (${t.userIdentity.autoUser.scope}, ${t.userIdentity.autoUser.elevationLevel})`],
              [
                'Node',
                node?.nodeId ? (
                  <Link onClick={() => go('pools', { accountId, poolId: node.poolId ?? '', nodeId: node.nodeId ?? '' })}>
                    {node.poolId} / {node.nodeId}
                  </Link>
                ) : undefined,
              ],
              ['Working directory', node?.taskRootDirectory ? <code data-testid="task-wd">{`${node.taskRootDirectory}/wd`}</code> : undefined],
              ['Environment', t.environment.length ? <code>{t.environment.map((e) => `${e.name}=${e.value}`).join('\n')}</code> : undefined],
              ['Resource files', t.resourceFiles.length ? t.resourceFiles.map((f) => `${f.filePath ?? '(folder)'} ← ${f.source}`).join('; ') : undefined],
              ['Output files', t.outputFiles.length ? t.outputFiles.map((f) => `${f.filePattern} → ${f.destination} (${f.uploadCondition})`).join('; ') : undefined],
            ]}
          />
          {node?.nodeId ? (
            <>
              <TaskOutput accountId={accountId} jobId={jobId} taskId={taskId} nodeId={node.nodeId} running={t.state !== 'completed'} />
              <TaskFiles key={`${t.state}:${exec?.startTime ?? ''}`} accountId={accountId} jobId={jobId} taskId={taskId} />
            </>
          ) : (
            <Caption1>No output yet: the task waits for a node.</Caption1>
          )}
        </>
      )}
    </aside>
  );
}
