import { Dialog, DialogSurface, Input, makeStyles, MenuItem, MenuList, Spinner, Text, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { isPaletteShortcut } from './palette-shortcut';

/** A second step of a command: the palette lists what `load` returns (pools, nodes, accounts…) to pick from. */
export interface PaletteStep {
  /** Shown as the input's placeholder, e.g. "Pick a pool". */
  title: string;
  load(): Promise<PaletteCommand[]>;
  /** What to say when `load` returns nothing, e.g. "No pool in this account yet." */
  empty: string;
}

/** One action the palette can run; a command that needs a choice first returns the next step. */
export interface PaletteCommand {
  id: string;
  label: string;
  /** Extra words shown dimmed after the label (and matched by the filter). */
  hint?: string;
  run(): void | PaletteStep;
}

const useStyles = makeStyles({
  surface: { maxWidth: '520px', padding: tokens.spacingVerticalM },
  input: { width: '100%' },
  list: { marginTop: tokens.spacingVerticalS, maxHeight: '50vh', overflowY: 'auto' },
  current: { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: `-${tokens.strokeWidthThick}` },
  hint: { color: tokens.colorNeutralForeground3, marginLeft: tokens.spacingHorizontalS },
  note: { padding: tokens.spacingVerticalS },
});

type Items = { state: 'ready'; commands: PaletteCommand[] } | { state: 'loading' } | { state: 'failed'; message: string };

/** Opens on Ctrl+K (or Cmd+K), also from a focused terminal: type to filter, arrows to move, Enter to run, Escape to close. */
export function CommandPalette(props: { commands: PaletteCommand[] }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const [index, setIndex] = useState(0);
  const [step, setStep] = useState<{ step: PaletteStep; items: Items }>();
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!isPaletteShortcut(event)) return;
      event.preventDefault();
      setFilter('');
      setIndex(0);
      setStep(undefined);
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const listed = useMemo(() => (step ? (step.items.state === 'ready' ? step.items.commands : []) : props.commands), [step, props.commands]);
  const matches = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return listed.filter((command) => words.every((word) => `${command.label} ${command.hint ?? ''}`.toLowerCase().includes(word)));
  }, [filter, listed]);

  const run = (command: PaletteCommand | undefined): void => {
    if (!command) return;
    const next = command.run();
    setFilter('');
    setIndex(0);
    if (!next) {
      setOpen(false);
      return;
    }
    setStep({ step: next, items: { state: 'loading' } });
    next.load().then(
      (commands) => setStep((s) => (s?.step === next ? { step: next, items: { state: 'ready', commands } } : s)),
      (error: unknown) =>
        setStep((s) => (s?.step === next ? { step: next, items: { state: 'failed', message: error instanceof Error ? error.message : String(error) } } : s)),
    );
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <DialogSurface aria-label="Command palette" className={styles.surface}>
        <Input
          autoFocus
          aria-label="Type a command"
          placeholder={step ? `${step.step.title}…` : 'Type a command…'}
          value={filter}
          className={styles.input}
          onChange={(_, data) => {
            setFilter(data.value);
            setIndex(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') setIndex((i) => Math.min(i + 1, matches.length - 1));
            if (event.key === 'ArrowUp') setIndex((i) => Math.max(i - 1, 0));
            if (event.key === 'Enter') {
              // The Enter ends here: without this its keypress would reach whatever the command focuses next
              // (the first field of a form, a dialog's default button).
              event.preventDefault();
              event.stopPropagation();
              run(matches[index]);
            }
          }}
        />
        <MenuList aria-label={step ? step.step.title : 'Commands'} className={styles.list}>
          {step?.items.state === 'loading' && <Spinner size="tiny" label="Loading…" />}
          {step?.items.state === 'failed' && <Text className={styles.note}>Could not load the list: {step.items.message}</Text>}
          {step?.items.state === 'ready' && listed.length === 0 && <Text className={styles.note}>{step.step.empty}</Text>}
          {listed.length > 0 && matches.length === 0 && <Text className={styles.note}>Nothing matches “{filter}”.</Text>}
          {matches.map((command, i) => (
            <MenuItem key={command.id} onClick={() => run(command)} className={i === index ? styles.current : undefined} aria-current={i === index}>
              {command.label}
              {command.hint && <span className={styles.hint}>{command.hint}</span>}
            </MenuItem>
          ))}
        </MenuList>
      </DialogSurface>
    </Dialog>
  );
}
