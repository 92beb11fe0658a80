import { join } from 'node:path';
import type { InvokeChannel, RequestIn, ResponseOf } from '../../../contract/channels';
import type { EventPayload } from '../../../contract/channels';
import type { ContractError } from '../../../contract/result';
import { EventBus } from '../../../main/events';
import { createJobs } from '../../../main/jobs/create-jobs';
import { ContractRouter, type InvokeHandlers } from '../../../main/router';
import { createTerminals, type TerminalFeature } from '../../../main/terminal/create-terminals';
import { emulatorSource } from '../../helpers/emulator-source';
import { eventually } from '../../helpers/eventually';
import { MemoryLogger } from '../ssh/terminal-fixture';
import { startProvisionFixture, type ProvisionFixture } from '../provision/provision-fixture';

/** The emulator, provisioning and terminals as app.ts builds them, and the jobs feature behind the real router. */
export interface JobsFixture {
  fx: ProvisionFixture;
  terminals: TerminalFeature;
  /** Terminal events (term:data, term:status) main emitted, in order. */
  termEvents: { name: string; payload: unknown }[];
  /** Calls a channel through the router (schema validation included); throws the contract error on failure. */
  call<C extends InvokeChannel>(channel: C, payload: RequestIn<C>): Promise<ResponseOf<C>>;
  /** Calls a channel through the router and returns the error it answered (fails the test when it succeeded). */
  refused(channel: InvokeChannel, payload: unknown): Promise<ContractError>;
  /** Waits until every task of the job has completed. */
  allCompleted(jobId: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const ctx = { trusted: true, origin: 'test', connectionId: 'test' };

/** Starts everything a jobs test needs, on loopback only. */
export async function startJobsFixture(): Promise<JobsFixture> {
  const fx = await startProvisionFixture();
  const events = new EventBus();
  const termEvents: { name: string; payload: unknown }[] = [];
  events.connect('test', (name, payload) => {
    if (name.startsWith('term:')) termEvents.push({ name, payload });
  });
  const log = new MemoryLogger();
  const terminals = createTerminals({ dataDir: fx.dataDir, log, events, resolver: fx.provisioning.resolver, knownHostsPath: join(fx.dataDir, 'no-known-hosts') });
  const handlers = {
    ...terminals.handlers,
    ...createJobs({ clients: emulatorSource(fx.emulator, fx.accountId), operations: fx.operations, provision: fx.provisioning.service, logins: fx.provisioning.logins, terminals: terminals.service }),
  };
  // Only the jobs, tasks and terminal channels are wired: the router refuses the rest as unknown to this test.
  const router = new ContractRouter(handlers as unknown as InvokeHandlers, log);
  const call = async <C extends InvokeChannel>(channel: C, payload: RequestIn<C>): Promise<ResponseOf<C>> => {
    const result = await router.dispatch(channel, payload, ctx);
    if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.code} ${result.error.message}`), result.error);
    return result.value as ResponseOf<C>;
  };
  return {
    fx,
    terminals,
    termEvents,
    call,
    async refused(channel, payload) {
      const result = await router.dispatch(channel, payload, ctx);
      if (result.ok) throw new Error(`${channel} succeeded but the test expected a refusal`);
      return result.error;
    },
    async allCompleted(jobId, timeoutMs = 20_000) {
      await eventually(async () => {
        const counts = await fx.rest.jobs.getTaskCounts(jobId);
        const c = counts.taskCounts;
        return c.active + c.running === 0 && c.completed > 0 ? true : undefined;
      }, timeoutMs, 100);
    },
    async stop() {
      await terminals.dispose();
      await fx.stop();
    },
  };
}

/** A `term:data` payload. */
export type TermData = EventPayload<'term:data'>;
