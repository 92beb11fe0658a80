import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * Styles shared by the create-pool form's sections, in design tokens: `fieldset` is a section without the browser's
 * frame, `legend` its bold title, `grid` the wrapping columns of fields, `row` a wrapping line of controls.
 */
export const useFormStyles = makeStyles({
  fieldset: { border: 'none', padding: 0, margin: 0, minWidth: 0, display: 'grid', gap: tokens.spacingVerticalS },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingBottom: tokens.spacingVerticalS },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: tokens.spacingHorizontalM, alignItems: 'start' },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  dimmed: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
  caution: { color: tokens.colorPaletteMarigoldForeground2 },
  monospace: { fontFamily: tokens.fontFamilyMonospace },
});
