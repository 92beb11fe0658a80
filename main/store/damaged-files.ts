import { basename } from 'node:path';

/** A data file that could not be read: what it was, where, where it was kept, and why. */
export interface DamagedFile {
  /** The file's name, e.g. `accounts.json`. */
  name: string;
  /** Its full path. */
  path: string;
  /** Where the damaged content now lives (`NAME.damaged-TIMESTAMP` next to it). */
  keptAs: string;
  /** What was wrong: the JSON syntax error or the first schema issue. */
  reason: string;
  /** When it was set aside (ISO time). */
  at: string;
}

/** Hears each damaged file once. */
export type DamagedFileListener = (report: DamagedFile) => void;

/**
 * Every data file this process found damaged and set aside. Files are read before the app (and its log and event
 * bus) exist, e.g. Electron reads settings first; so reports are kept and a listener attached later hears them all.
 */
export class DamagedFiles {
  private readonly reports: DamagedFile[] = [];
  private readonly listeners = new Set<DamagedFileListener>();
  private readonly shown = new Set<DamagedFile>();

  /** Records a damaged file and tells every listener. */
  report(report: Omit<DamagedFile, 'name' | 'at'>): DamagedFile {
    const full: DamagedFile = { name: basename(report.path), at: new Date().toISOString(), ...report };
    this.reports.push(full);
    for (const listener of this.listeners) listener(full);
    return full;
  }

  /** Every report of this run, oldest first. */
  all(): DamagedFile[] {
    return [...this.reports];
  }

  /** The reports no window has shown yet, marked as shown now: the user hears of each damaged file once. */
  takeUnshown(): DamagedFile[] {
    const unshown = this.reports.filter((r) => !this.shown.has(r));
    for (const report of unshown) this.shown.add(report);
    return unshown;
  }

  /** Marks a report as shown (it was pushed to open windows). */
  markShown(report: DamagedFile): void {
    this.shown.add(report);
  }

  /** Attaches a listener, replaying what was reported before; returns the detach function. */
  listen(listener: DamagedFileListener): () => void {
    for (const report of this.reports) listener(report);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The process's ledger: one data folder per process, read by whichever host runs. */
export const damagedFiles = new DamagedFiles();

/** The sentence the log and the user read about a damaged file. */
export function describeDamage(report: DamagedFile): string {
  return `${report.name} (${report.path}) could not be read: ${report.reason}. Batch Deck kept it as ${basename(report.keptAs)} and started with defaults.`;
}
