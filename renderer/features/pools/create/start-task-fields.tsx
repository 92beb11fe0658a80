import { Button, Checkbox, Field, Input, SpinButton, Switch, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { fieldState, spinValue, type FormSectionProps } from './form-section';
import { useFormStyles } from './form-styles';

const useStyles = makeStyles({
  options: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL },
  retries: { maxWidth: '240px' },
  variables: { display: 'grid', gap: tokens.spacingVerticalXS },
  variable: { display: 'grid', gridTemplateColumns: '1fr 2fr auto', gap: tokens.spacingHorizontalS, alignItems: 'start' },
  add: { justifySelf: 'start' },
});

/** The start task: command line, admin auto-user, wait for success, retries and environment variables. */
export function StartTaskFields(props: FormSectionProps) {
  const styles = useFormStyles();
  const local = useStyles();
  const { draft, change } = props;
  const task = draft.startTask;
  const setTask = (patch: Partial<typeof task>) => change({ startTask: { ...task, ...patch } });
  const setVariable = (index: number, patch: Partial<{ name: string; value: string }>) =>
    setTask({ environment: task.environment.map((v, i) => (i === index ? { ...v, ...patch } : v)) });
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Start task</legend>
      <Switch label="Run a start task on every node as it joins" checked={draft.startTaskEnabled} onChange={(_, d) => change({ startTaskEnabled: d.checked })} />
      {draft.startTaskEnabled && (
        <>
          <Field
            label="Command line"
            required
            hint="Runs without a shell: use /bin/bash -c '…' (or the switch below) for pipes and $VARIABLES."
            {...fieldState(props, 'startTask.commandLine')}
          >
            <Textarea
              value={task.commandLine}
              onChange={(_, d) => setTask({ commandLine: d.value })}
              aria-label="Start task command line"
              resize="vertical"
              textarea={{ className: styles.monospace }}
            />
          </Field>
          <div className={local.options}>
            <Checkbox label="Run elevated (pool admin auto-user)" checked={task.elevated} onChange={(_, d) => setTask({ elevated: d.checked === true })} />
            <Checkbox label="Wait for success before scheduling tasks" checked={task.waitForSuccess} onChange={(_, d) => setTask({ waitForSuccess: d.checked === true })} />
            <Checkbox label="Run in /bin/bash -c" checked={task.useShell} onChange={(_, d) => setTask({ useShell: d.checked === true })} />
          </div>
          <Field label="Retries when it fails" hint="0 = no retry; -1 = retry forever (not recommended)." {...fieldState(props, 'startTask.maxTaskRetryCount')} className={local.retries}>
            <SpinButton min={-1} max={100} value={task.maxTaskRetryCount} onChange={(_, d) => setTask({ maxTaskRetryCount: spinValue(d, task.maxTaskRetryCount) })} aria-label="Start task retries" />
          </Field>
          <div className={local.variables}>
            <span>Environment variables</span>
            {task.environment.map((variable, index) => (
              <div key={index} className={local.variable}>
                <Field {...fieldState(props, `startTask.environment.${index}.name`)}>
                  <Input value={variable.name} placeholder="NAME" onChange={(_, d) => setVariable(index, { name: d.value })} aria-label={`Variable ${index + 1} name`} />
                </Field>
                <Field {...fieldState(props, `startTask.environment.${index}.value`)}>
                  <Input value={variable.value} placeholder="value" onChange={(_, d) => setVariable(index, { value: d.value })} aria-label={`Variable ${index + 1} value`} />
                </Field>
                <Button
                  icon={<DeleteRegular />}
                  aria-label={`Remove variable ${index + 1}`}
                  onClick={() => setTask({ environment: task.environment.filter((_, i) => i !== index) })}
                />
              </div>
            ))}
            <Button size="small" icon={<AddRegular />} className={local.add} onClick={() => setTask({ environment: [...task.environment, { name: '', value: '' }] })}>
              Add variable
            </Button>
          </div>
        </>
      )}
    </fieldset>
  );
}
