import type { NodeRef, NodeRuntimeApi, StartTaskOutcome, StartTaskSpec, TaskRunHandle, TaskRunSpec } from '../../../emulator/node-runtime/types';

/** One recorded call to the runtime. */
export interface RuntimeCall {
  method: string;
  nodeId: string;
  detail?: unknown;
}

/**
 * A NodeRuntimeApi that keeps everything in memory: start tasks finish when the test says so, SSH "listens" on
 * whatever port the test maps the requested one to. Lets lifecycle tests observe every state in between.
 */
export class InMemoryRuntime implements NodeRuntimeApi {
  readonly calls: RuntimeCall[] = [];
  /** Exit code (or outcome) the next start tasks finish with; undefined keeps them running until `finish`. */
  exitCode: number | undefined = 0;
  /** Requested SSH port → port really used (simulates a taken port). */
  readonly portMap = new Map<number, number>();
  private readonly pending = new Map<string, (outcome: StartTaskOutcome) => void>();
  private readonly ports = new Map<string, number>();

  nodeDir(node: NodeRef): string {
    return `/memory/${node.poolId}/${node.nodeId}`;
  }

  async prepareNode(node: NodeRef): Promise<void> {
    this.calls.push({ method: 'prepareNode', nodeId: node.nodeId });
  }

  runStartTask(node: NodeRef, task: StartTaskSpec): Promise<StartTaskOutcome> {
    this.calls.push({ method: 'runStartTask', nodeId: node.nodeId, detail: task.commandLine });
    const startTime = new Date();
    return new Promise((resolve) => {
      if (this.exitCode !== undefined) resolve({ exitCode: this.exitCode, startTime, endTime: new Date(), retryCount: 0 });
      else this.pending.set(node.nodeId, resolve);
    });
  }

  /** Finishes a start task left running. */
  finish(nodeId: string, exitCode: number): void {
    this.pending.get(nodeId)?.({ exitCode, startTime: new Date(), endTime: new Date(), retryCount: 0 });
    this.pending.delete(nodeId);
  }

  taskDir(node: NodeRef, jobId: string, taskFolder: string): string {
    return `${this.nodeDir(node)}/workitems/${jobId}/job-1/${taskFolder}`;
  }

  /** Job tasks finish at once with exit code 0. */
  runTask(node: NodeRef, task: TaskRunSpec): TaskRunHandle {
    this.calls.push({ method: 'runTask', nodeId: node.nodeId, detail: task.commandLine });
    return { outcome: Promise.resolve({ exitCode: 0 }), kill: async () => {} };
  }

  /** While set, SSH servers take until it resolves to start listening (to test what happens meanwhile). */
  sshGate: Promise<void> | undefined;

  async openSsh(node: NodeRef, preferredPort: number): Promise<number> {
    this.calls.push({ method: 'openSsh', nodeId: node.nodeId, detail: preferredPort });
    await this.sshGate;
    const port = this.portMap.get(preferredPort) ?? preferredPort;
    this.ports.set(node.nodeId, port);
    return port;
  }

  sshPort(node: NodeRef): number | undefined {
    return this.ports.get(node.nodeId);
  }

  endUserSessions(node: NodeRef, userName: string): void {
    this.calls.push({ method: 'endUserSessions', nodeId: node.nodeId, detail: userName });
  }

  async stopNode(node: NodeRef): Promise<void> {
    this.calls.push({ method: 'stopNode', nodeId: node.nodeId });
    this.ports.delete(node.nodeId);
  }

  async wipeNode(node: NodeRef): Promise<void> {
    this.calls.push({ method: 'wipeNode', nodeId: node.nodeId });
    this.ports.delete(node.nodeId);
  }

  async removeNode(node: NodeRef): Promise<void> {
    this.calls.push({ method: 'removeNode', nodeId: node.nodeId });
    this.ports.delete(node.nodeId);
  }

  async shutdown(): Promise<void> {
    this.calls.push({ method: 'shutdown', nodeId: '' });
  }

  /** How often a method was called for a node. */
  count(method: string, nodeId: string): number {
    return this.calls.filter((c) => c.method === method && c.nodeId === nodeId).length;
  }
}
