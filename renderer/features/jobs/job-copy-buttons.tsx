import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { AccountRef } from '../../../contract/features/batch-models';
import { CopyButton } from '../../components/copy-button';
import { azCreateCommand } from './job-draft';

const useStyles = makeStyles({ row: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS } });

/** "JSON [Copy]" and "az [Copy]": the add-job body, and a script that makes the job with the az CLI. */
export function JobCopyButtons(props: { body: Record<string, unknown>; account: AccountRef | undefined }) {
  const styles = useStyles();
  return (
    <>
      <span className={styles.row}>
        <Caption1>JSON</Caption1>
        <CopyButton text={JSON.stringify(props.body, null, 2)} label="Copy the job as JSON" />
      </span>
      <span className={styles.row}>
        <Caption1>az</Caption1>
        <CopyButton text={azCreateCommand(props.body, props.account?.name ?? 'ACCOUNT', props.account?.endpoint ?? 'ENDPOINT')} label="Copy as az command" />
      </span>
    </>
  );
}
