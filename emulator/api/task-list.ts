import type { RequestContext } from './request-context';
import { compileFilter, type Predicate } from './odata-filter';
import { decodeSkipToken, maxResults, nextLinkFor, type Page } from './paging';
import { selectedNames } from './select';
import { fail } from './batch-error';
import { taskFilterView, taskWire } from './task-wire';
import type { StoredTask } from '../state/model';
import type { TaskTable } from '../state/task-table';

/** Reads a `field eq value` term straight from a stored task (no wire shape); undefined for fields it does not index. */
const INDEXED: Record<string, (task: StoredTask) => unknown> = {
  state: (task) => task.state,
  id: (task) => task.id,
  'executionInfo/result': (task) => task.executionInfo?.result,
  'executionInfo/exitCode': (task) => task.executionInfo?.exitCode,
};

function quickTest(predicate: Predicate | undefined): (task: StoredTask) => boolean {
  const terms = [...(predicate?.equals ?? [])].flatMap(([field, value]) => {
    const read = INDEXED[field];
    return read ? [(task: StoredTask) => read(task) === value] : [];
  });
  return (task) => terms.every((term) => term(task));
}

/**
 * One page of a job's tasks in insertion order. The `$skiptoken` is the position of the last task sent, so a page
 * starts where the previous one ended without copying or sorting the job; a filtered page scans forward from there,
 * testing state/result/exit-code terms on the stored task before it builds anything, and looks ahead only as far as
 * the next match to decide whether to give a next link.
 */
export function taskPage(ctx: RequestContext, table: TaskTable): Page {
  const take = maxResults(ctx, { max: 1000 });
  const filter = compileFilter(ctx.query.get('$filter'));
  const quick = quickTest(filter);
  const matches = (task: StoredTask) => quick(task) && (!filter || filter(taskFilterView(task)));
  const select = selectedNames(ctx);
  const token = ctx.query.get('$skiptoken');
  let position = 0;
  if (token !== undefined) {
    const after = Number(decodeSkipToken(token));
    if (!Number.isSafeInteger(after) || after < -1) throw fail.invalidQuery('$skiptoken', token, 'The continuation token is not valid.');
    position = after + 1;
  }
  const value: Record<string, unknown>[] = [];
  let last = -1;
  for (; position < table.length && value.length < take; position++) {
    const task = table.at(position);
    if (!task || !matches(task)) continue;
    value.push(taskWire(task, ctx.endpoint, select));
    last = position;
  }
  for (; position < table.length; position++) {
    const task = table.at(position);
    if (task && matches(task)) return { value, nextLink: nextLinkFor(ctx, take, String(last)) };
  }
  return { value };
}
