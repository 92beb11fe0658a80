import { appendFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir } from './store/paths';

/** Structured logging for main; every line passes through the redactor first. */
export interface Logger {
  info(area: string, message: string): void;
  warn(area: string, message: string): void;
  error(area: string, message: string, error?: unknown): void;
}

/**
 * Remembers every secret main handles (keys, tokens, passwords) so that no log line can carry one, even by
 * accident (a service error that echoes a header, a stack with a URL). Secrets shorter than 6 chars are ignored.
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret value to be masked from now on. */
  add(secret: string | undefined): void {
    if (secret && secret.length >= 6) this.secrets.add(secret);
  }

  /** Returns `text` with every registered secret replaced. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    return out;
  }
}

/** Writes redacted lines to stderr and, when given, a log file (0600, in a folder only this user may enter). */
export class ConsoleFileLogger implements Logger {
  constructor(
    private readonly redactor: SecretRedactor,
    private readonly filePath?: string,
    private readonly echo: boolean = true,
  ) {
    if (filePath) ensurePrivateDir(dirname(filePath));
  }

  info(area: string, message: string): void {
    this.write('info', area, message);
  }

  warn(area: string, message: string): void {
    this.write('warn', area, message);
  }

  error(area: string, message: string, error?: unknown): void {
    const detail = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : error ? String(error) : '';
    this.write('error', area, detail ? `${message}: ${detail}` : message);
  }

  private write(level: string, area: string, message: string): void {
    const line = this.redactor.redact(`${new Date().toISOString()} ${level} [${area}] ${message}`);
    if (this.echo) process.stderr.write(`${line}\n`);
    if (this.filePath) appendFileSync(this.filePath, `${line}\n`, { mode: 0o600 });
  }
}
