/** Where a {@link CoalescedDocument} loads from and durably saves to (a JsonFile). */
export interface DocumentFile<T> {
  read(): Promise<T>;
  write(value: T): Promise<void>;
}

/**
 * One JSON document kept in memory, saved durably with as few writes as a burst of changes allows: a change applies at
 * once, and its promise resolves when a write that carries it is on disk. While one write is in flight, every change
 * made meanwhile joins a single next write of the latest state — 1,000 changes at once cost two writes, not 1,000.
 */
export class CoalescedDocument<T> {
  private loaded: Promise<T> | undefined;
  private current: T | undefined;
  /** The write in flight, if any. */
  private inFlight: Promise<void> | undefined;
  /** The write not yet started: changes made now are carried by it. */
  private next: Promise<void> | undefined;

  constructor(private readonly file: DocumentFile<T>) {}

  /** The document as it is now (changes not yet on disk included); read from disk once. */
  async read(): Promise<T> {
    this.loaded ??= this.file.read().then((value) => (this.current = value));
    try {
      await this.loaded;
    } catch (error) {
      this.loaded = undefined;
      throw error;
    }
    return this.current as T;
  }

  /**
   * Applies `change` (which returns the new document, or undefined for "nothing to change") and resolves with `result`
   * once the change is durable. Documents are replaced, never mutated, so a write saves the state of its start.
   */
  async update<R>(change: (document: T) => { document?: T; result: R }): Promise<R> {
    await this.read();
    // The state as it is on this turn (another change may have applied since read() resolved), never a stale copy.
    const { document, result } = change(this.current as T);
    if (document === undefined) return result;
    this.current = document;
    await this.save();
    return result;
  }

  private save(): Promise<void> {
    if (this.next) return this.next;
    const next = (async () => {
      await this.inFlight?.catch(() => undefined);
      // From here on a change needs another write: this one takes the document as it is now.
      this.next = undefined;
      const write = this.file.write(this.current as T);
      this.inFlight = write;
      await write;
    })();
    this.next = next;
    return next;
  }
}
