import { Button, makeStyles, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, tokens } from '@fluentui/react-components';
import { MoreHorizontalRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { NatPoolInfo, PoolSummary } from '../../../contract/features/batch-models';
import { DeletePoolDialog } from './delete-pool-dialog';
import { ResizeDialog } from './resize-dialog';
import { usePoolActions } from './use-pools';
import { useNavigation } from '../../navigation';

const useStyles = makeStyles({ buttons: { display: 'flex', gap: tokens.spacingHorizontalS } });

/** Resize, stop resize, copy and delete for one pool of the account it was listed from, as a menu with its dialogs. */
export function PoolRowActions(props: { accountId: string; pool: PoolSummary; natPools?: NatPoolInfo[]; onDeleted?: () => void; asButtons?: boolean }) {
  const { accountId, pool } = props;
  const { stopResize } = usePoolActions(accountId);
  const go = useNavigation((s) => s.go);
  const [dialog, setDialog] = useState<'resize' | 'delete' | undefined>();
  const deleting = pool.state === 'deleting';
  const resizing = pool.allocationState === 'resizing';
  const styles = useStyles();
  // A disabled action says why on hover (title), so no button is greyed out without a reason.
  const whileDeleting = deleting ? 'The pool is being deleted.' : undefined;
  const items = [
    { key: 'resize', label: 'Resize…', disabled: deleting, why: whileDeleting, run: () => setDialog('resize') },
    {
      key: 'stop',
      label: 'Stop resize',
      disabled: deleting || !resizing,
      why: whileDeleting ?? (resizing ? undefined : 'No resize is running.'),
      run: () => stopResize.mutate(pool.id),
    },
    { key: 'copy', label: 'Copy pool…', disabled: false, why: undefined, run: () => go('pools', { create: '1', accountId, from: pool.id }) },
    { key: 'delete', label: 'Delete…', disabled: deleting, why: whileDeleting, run: () => setDialog('delete') },
  ];
  return (
    <>
      {props.asButtons ? (
        <div className={styles.buttons}>
          {items.map((item) => (
            <Button key={item.key} size="small" disabledFocusable={item.disabled} title={item.why} onClick={item.run}>
              {item.label}
            </Button>
          ))}
        </div>
      ) : (
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button size="small" appearance="subtle" icon={<MoreHorizontalRegular />} aria-label={`Actions for ${pool.id}`} onClick={(e) => e.stopPropagation()} />
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              {items.map((item) => (
                <MenuItem key={item.key} disabled={item.disabled} title={item.why} onClick={item.run}>
                  {item.label}
                </MenuItem>
              ))}
            </MenuList>
          </MenuPopover>
        </Menu>
      )}
      {dialog === 'resize' && <ResizeDialog accountId={accountId} pool={pool} natPools={props.natPools} open onClose={() => setDialog(undefined)} />}
      {dialog === 'delete' && <DeletePoolDialog accountId={accountId} poolId={pool.id} open onClose={() => setDialog(undefined)} onDeleted={props.onDeleted} />}
    </>
  );
}
