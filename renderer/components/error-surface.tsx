import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { create } from 'zustand';
import { ContractCallError } from '../ipc/client';
import { errorTitles } from '../ipc/error-text';
import { useLayoutStyles } from '../theme/layout-styles';

/** One error shown to the user. */
export interface ShownError {
  id: number;
  code: string;
  title: string;
  message: string;
}

interface ErrorState {
  errors: ShownError[];
  push(error: unknown): void;
  dismiss(id: number): void;
}

let nextErrorId = 1;

/** App-wide store of errors that no form or page handled itself. */
export const useErrors = create<ErrorState>((set) => ({
  errors: [],
  push: (error) => set((state) => ({ errors: [...state.errors.slice(-4), toShownError(error)] })),
  dismiss: (id) => set((state) => ({ errors: state.errors.filter((e) => e.id !== id) })),
}));

/** Reports an error to the app-wide surface. */
export function reportError(error: unknown): void {
  useErrors.getState().push(error);
}

/** Turns anything thrown into what the surface shows: a contract error keeps its code and message. */
export function toShownError(error: unknown): ShownError {
  if (error instanceof ContractCallError) {
    return { id: nextErrorId++, code: error.code, title: errorTitles[error.code], message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { id: nextErrorId++, code: 'INTERNAL', title: errorTitles.INTERNAL, message };
}

/** The stack of dismissible error bars at the top of the content area; the code stays out of the words (data-code). */
export function ErrorSurface() {
  const layout = useLayoutStyles();
  const { errors, dismiss } = useErrors();
  if (errors.length === 0) return null;
  return (
    <div role="region" aria-label="Errors" className={layout.notices}>
      {errors.map((error) => (
        <MessageBar key={error.id} intent="error" data-testid="contract-error" data-code={error.code}>
          <MessageBarBody>
            <MessageBarTitle>{error.title}</MessageBarTitle>
            {error.message}
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="transparent" onClick={() => dismiss(error.id)} aria-label="Dismiss error">
              Dismiss
            </Button>
          </MessageBarActions>
        </MessageBar>
      ))}
    </div>
  );
}
