import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles the remote-login dialogs share: `dialogContent` stacks a dialog's notes and fields a medium gap apart. */
export const useConnectStyles = makeStyles({
  dialogContent: { display: 'grid', gap: tokens.spacingVerticalM },
});
