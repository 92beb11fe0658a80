/**
 * Scrolls to the first field the form marks invalid (Fluent's Field sets `aria-invalid` on its control) and puts the
 * keyboard there. Returns how many fields are marked, so the summary counts what the user can actually see.
 */
export function focusFirstError(form: HTMLElement): number {
  const invalid = [...form.querySelectorAll<HTMLElement>('[aria-invalid="true"]')];
  const first = invalid[0];
  if (first) {
    first.scrollIntoView({ block: 'center' });
    first.focus({ preventScroll: true });
  }
  return invalid.length;
}

/** "1 field" / "2 fields": counts read right in the form's messages. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
