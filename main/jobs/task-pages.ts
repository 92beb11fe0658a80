import { randomUUID } from 'node:crypto';
import type { TaskColumn, TaskPage } from '../../contract/features/jobs-models';
import type { TaskFilter } from '../../contract/features/tasks';
import { ContractFailure } from '../../contract/result';
import type { BatchClientSource } from '../batch/batch-client-source';
import { restCall } from '../batch/rest-call';
import { taskFilterQuery, taskSelect, toTaskRow } from './task-mapping';

/** One page request as `tasks:page` validated it. */
export interface TaskPageRequest {
  accountId: string;
  jobId: string;
  filter: TaskFilter;
  columns: TaskColumn[];
  maxResults: number;
  pageToken?: string;
}

/** What a page token stands for: the service's next link, and the listing it continues. */
interface HeldLink {
  listing: string;
  nextLink: string;
  expiresAt: number;
}

/** How long a page token stays good, and how many are held at once (oldest dropped first). */
export interface TaskPagesOptions {
  ttlMs: number;
  maxTokens: number;
}

const defaults: TaskPagesOptions = { ttlMs: 30 * 60_000, maxTokens: 5_000 };

/**
 * Pages of a job's tasks straight from the service: one request per page, `$filter` on the server, `$select` of the
 * shown columns, `maxresults`. The service's next link stays in main behind an opaque token, so the renderer never
 * holds (or forges) a URL and a 100,000-task job costs one request per screenful, not one listing of everything.
 */
export class TaskPagesService {
  private readonly links = new Map<string, HeldLink>();
  private readonly options: TaskPagesOptions;

  constructor(
    private readonly source: BatchClientSource,
    options: Partial<TaskPagesOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...defaults, ...options };
  }

  /** The first page, or the page after the one that handed out `pageToken`. */
  async page(request: TaskPageRequest): Promise<TaskPage> {
    const ctx = await this.source.forAccount(request.accountId);
    const listing = JSON.stringify([ctx.account.id, request.jobId.toLowerCase(), request.filter, request.columns, request.maxResults]);
    const nextLink = request.pageToken ? this.take(request.pageToken, listing) : undefined;
    const filter = taskFilterQuery(request.filter);
    const options = { select: taskSelect(request.columns), maxResults: request.maxResults, ...(filter ? { filter } : {}) };
    const page = await restCall(ctx.account.endpoint, () => ctx.rest.tasks.page(request.jobId, options, nextLink));
    const rows = page.items.map((task) => toTaskRow(task, request.columns));
    return { rows, ...(page.nextLink ? { nextPageToken: this.hold(listing, page.nextLink) } : {}) };
  }

  private hold(listing: string, nextLink: string): string {
    this.dropExpired();
    while (this.links.size >= this.options.maxTokens) this.links.delete(this.links.keys().next().value as string);
    const token = randomUUID();
    this.links.set(token, { listing, nextLink, expiresAt: this.now() + this.options.ttlMs });
    return token;
  }

  /** The next link a token holds; a token stays good for re-reading the same page (a retry, a second pane). */
  private take(token: string, listing: string): string {
    const held = this.links.get(token);
    if (!held || held.expiresAt <= this.now()) {
      this.links.delete(token);
      throw new ContractFailure('NOT_FOUND', 'That page of tasks is no longer held (page tokens last 30 minutes). Reload the task list from the first page.');
    }
    if (held.listing !== listing) {
      throw new ContractFailure('NOT_FOUND', 'That page token belongs to another task list (job, filter or columns changed). Reload the task list from the first page.');
    }
    return held.nextLink;
  }

  private dropExpired(): void {
    const now = this.now();
    // Tokens are held in the order they were made and all live equally long: the expired ones are at the front.
    for (const [token, held] of this.links) {
      if (held.expiresAt > now) return;
      this.links.delete(token);
    }
  }
}
