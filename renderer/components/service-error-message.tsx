import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { ContractCallError } from '../ipc/client';
import { errorTitles } from '../ipc/error-text';

/** What Batch said about a failed request: its code, message and the `values` it named. */
export interface ServiceErrorInfo {
  title: string;
  code: string;
  message: string;
  /** The property the service objected to (`values` PropertyName), when it named one. */
  property?: string;
  values: { key: string; value: string }[];
}

/** Reads a thrown contract error into what a form shows next to its fields. */
export function serviceErrorInfo(error: unknown): ServiceErrorInfo {
  if (error instanceof ContractCallError) {
    const details = error.details ?? {};
    const values = Array.isArray(details.values) ? (details.values as { key: string; value: string }[]) : [];
    const serviceCode = typeof details.serviceCode === 'string' ? details.serviceCode : undefined;
    const property = values.find((v) => v.key === 'PropertyName')?.value;
    return { title: errorTitles[error.code], code: serviceCode ?? error.code, message: error.message, values, ...(property ? { property } : {}) };
  }
  return { title: errorTitles.INTERNAL, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), values: [] };
}

/** An inline error bar with the service's code, message and every value it sent (offending property first). */
export function ServiceErrorMessage(props: { error: unknown }) {
  const info = serviceErrorInfo(props.error);
  const extra = info.values.filter((v) => v.key !== 'PropertyName');
  return (
    <MessageBar intent="error" data-testid="service-error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{info.title}</MessageBarTitle>
        <code>{info.code}</code>: {info.message}
        {info.property && (
          <div>
            Property: <code>{info.property}</code>
          </div>
        )}
        {extra.map((v) => (
          <div key={v.key}>
            {v.key}: <code>{v.value}</code>
          </div>
        ))}
      </MessageBarBody>
    </MessageBar>
  );
}
