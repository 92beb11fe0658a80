import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * Layout shared by every page, in design tokens: one place decides the app's spacing. `page` is a page's outer
 * section, `header` its title row, `stack` a vertical list of blocks, `row` a wrapping line of controls.
 */
export const useLayoutStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minHeight: 0,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
  },
  header: { display: 'flex', alignItems: 'baseline', flexWrap: 'wrap', gap: tokens.spacingHorizontalL },
  stack: { display: 'grid', gap: tokens.spacingVerticalS, alignContent: 'start' },
  stackLoose: { display: 'grid', gap: tokens.spacingVerticalL, alignContent: 'start' },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  readable: { maxWidth: '760px' },
  monospace: { fontFamily: tokens.fontFamilyMonospace },
  dimmed: { color: tokens.colorNeutralForeground3 },
  padded: { padding: tokens.spacingHorizontalXXL },
  /** The stack of message bars at the top of the content area (errors, damaged files, the start guide). */
  notices: { display: 'grid', gap: tokens.spacingVerticalS, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0` },
});
