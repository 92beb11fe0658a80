import { Dialog, DialogSurface, Input, MenuList, MenuItem, Text } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';

/** One action the palette can run. */
export interface PaletteCommand {
  id: string;
  label: string;
  run(): void;
}

/** Opens on Ctrl+K (or Cmd+K): type to filter, arrows to move, Enter to run, Escape to close. */
export function CommandPalette(props: { commands: PaletteCommand[] }) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const [index, setIndex] = useState(0);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setFilter('');
        setIndex(0);
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const matches = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return props.commands.filter((command) => words.every((word) => command.label.toLowerCase().includes(word)));
  }, [filter, props.commands]);
  const run = (command: PaletteCommand | undefined): void => {
    if (!command) return;
    setOpen(false);
    command.run();
  };
  return (
    <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <DialogSurface aria-label="Command palette" style={{ maxWidth: 520, padding: 12 }}>
        <Input
          autoFocus
          aria-label="Type a command"
          placeholder="Type a command…"
          value={filter}
          style={{ width: '100%' }}
          onChange={(_, data) => {
            setFilter(data.value);
            setIndex(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') setIndex((i) => Math.min(i + 1, matches.length - 1));
            if (event.key === 'ArrowUp') setIndex((i) => Math.max(i - 1, 0));
            if (event.key === 'Enter') run(matches[index]);
          }}
        />
        <MenuList aria-label="Commands" style={{ marginTop: 8 }}>
          {matches.length === 0 && <Text>No command matches “{filter}”.</Text>}
          {matches.map((command, i) => (
            <MenuItem
              key={command.id}
              onClick={() => run(command)}
              style={i === index ? { outline: '2px solid currentColor' } : undefined}
              aria-current={i === index}
            >
              {command.label}
            </MenuItem>
          ))}
        </MenuList>
      </DialogSurface>
    </Dialog>
  );
}
