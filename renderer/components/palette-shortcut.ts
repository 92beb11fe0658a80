/** True for the command palette's shortcut, Ctrl+K (Cmd+K on macOS). Terminals let it through instead of sending it to the shell. */
export function isPaletteShortcut(event: KeyboardEvent): boolean {
  return event.type === 'keydown' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';
}
