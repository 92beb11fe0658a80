import { nodeHostname, writeHostnameShim } from './node-hostname';
import { deleteNodeCompletely, deleteNodeFolders, createNodeFolders } from './node-folders';
import { assertEnvName, nodeEnvironment } from './node-env';
import { nodeKey, nodePaths, type NodePaths } from './node-paths';
import { loadOrCreateHostKey } from './host-keys';
import { NodeSshServer } from './ssh-server';
import { assertStartTask, startStartTask, type StartTaskRun } from './start-task';
import { startTaskProcess, taskFolderOf } from './task-process';
import type { NodeRef, NodeRuntimeApi, NodeRuntimeOptions, StartTaskOutcome, StartTaskSpec, TaskRunHandle, TaskRunSpec } from './types';

/** Live machinery of one node: its SSH server and its running start task. */
interface LiveNode {
  ref: NodeRef;
  /** Set while the server is being created (host key, folders), so concurrent openSsh calls share it. */
  sshPending?: Promise<NodeSshServer>;
  ssh?: NodeSshServer;
  startTask?: StartTaskRun;
  /** Job tasks running on the node now. */
  tasks: Set<TaskRunHandle>;
}

/**
 * Makes emulated nodes real: a folder tree per node, start tasks run without a shell, and an SSH server per node whose
 * logins get real shells. Processes run as the emulator's own OS user: the emulator is a local tool.
 */
export class NodeRuntime implements NodeRuntimeApi {
  private readonly live = new Map<string, LiveNode>();
  private readonly hostKeys = new Map<string, Promise<string>>();
  private readonly log: (message: string) => void;
  private shutDown = false;

  constructor(private readonly options: NodeRuntimeOptions) {
    if (typeof options?.rootDir !== 'string' || options.rootDir.trim() === '') {
      throw new TypeError('NodeRuntime needs a rootDir folder');
    }
    if (typeof options.usersOf !== 'function') throw new TypeError('NodeRuntime needs a usersOf(node) function');
    for (const name of Object.keys(options.baseEnv ?? {})) assertEnvName(name);
    this.log = options.log ?? (() => undefined);
  }

  nodeDir(node: NodeRef): string {
    return this.paths(node).root;
  }

  async prepareNode(node: NodeRef): Promise<void> {
    const paths = this.paths(node);
    await createNodeFolders(paths);
    await writeHostnameShim(paths, nodeHostname(node));
    await this.hostKey(node, paths);
  }

  async runStartTask(node: NodeRef, task: StartTaskSpec): Promise<StartTaskOutcome> {
    const paths = this.paths(node);
    assertStartTask(task);
    this.assertRunning();
    const live = this.liveNode(node);
    if (live.startTask) throw new Error(`A start task is already running on node ${nodeKey(node)}`);
    const run = startStartTask(paths, this.env(node, paths), task);
    live.startTask = run;
    try {
      return await run.outcome;
    } finally {
      if (live.startTask === run) live.startTask = undefined;
    }
  }

  taskDir(node: NodeRef, jobId: string, taskFolder: string): string {
    return taskFolderOf(this.paths(node), jobId, taskFolder);
  }

  runTask(node: NodeRef, task: TaskRunSpec): TaskRunHandle {
    const paths = this.paths(node);
    this.assertRunning();
    const live = this.liveNode(node);
    const run = startTaskProcess(paths, this.env(node, paths), task);
    live.tasks.add(run);
    void run.outcome.finally(() => live.tasks.delete(run)).catch(() => undefined);
    return run;
  }

  async openSsh(node: NodeRef, preferredPort: number): Promise<number> {
    const paths = this.paths(node);
    if (!Number.isInteger(preferredPort) || preferredPort < 0 || preferredPort > 65535) {
      throw new RangeError(`Invalid SSH port ${String(preferredPort)}: expected an integer 0-65535`);
    }
    this.assertRunning();
    const live = this.liveNode(node);
    if (!live.sshPending) {
      const pending = this.createSshServer(live, paths);
      live.sshPending = pending;
      // A failed start (unreadable host key) must not stick: the next call tries again.
      pending.catch(() => {
        if (live.sshPending === pending) live.sshPending = undefined;
      });
    }
    const server = await live.sshPending;
    return server.listen(preferredPort);
  }

  sshPort(node: NodeRef): number | undefined {
    return this.sshServerNow(node)?.port;
  }

  endUserSessions(node: NodeRef, userName: string): void {
    const server = this.sshServerNow(node);
    if (server) void server.endUser(userName);
  }

  async stopNode(node: NodeRef): Promise<void> {
    this.paths(node);
    const key = nodeKey(node);
    const live = this.live.get(key);
    if (!live) return;
    this.live.delete(key);
    const server = live.sshPending?.catch(() => undefined);
    await Promise.all([live.startTask?.stop(), server?.then((ssh) => ssh?.close()), ...[...live.tasks].map((task) => task.kill())]);
  }

  async wipeNode(node: NodeRef): Promise<void> {
    const paths = this.paths(node);
    await this.stopNode(node);
    await deleteNodeFolders(paths);
  }

  async removeNode(node: NodeRef): Promise<void> {
    const paths = this.paths(node);
    await this.stopNode(node);
    this.hostKeys.delete(nodeKey(node));
    await deleteNodeCompletely(paths);
  }

  async shutdown(): Promise<void> {
    this.shutDown = true;
    await Promise.all([...this.live.values()].map((live) => this.stopNode(live.ref)));
  }

  private paths(node: NodeRef): NodePaths {
    return nodePaths(this.options.rootDir, node);
  }

  private env(node: NodeRef, paths: NodePaths): Record<string, string> {
    return nodeEnvironment(node, paths, this.options.baseEnv);
  }

  private liveNode(node: NodeRef): LiveNode {
    const key = nodeKey(node);
    let live = this.live.get(key);
    if (!live) this.live.set(key, (live = { ref: { poolId: node.poolId, nodeId: node.nodeId }, tasks: new Set() }));
    return live;
  }

  /** The node's server if it already exists (synchronous view for sshPort/endUserSessions). */
  private sshServerNow(node: NodeRef): NodeSshServer | undefined {
    this.paths(node);
    return this.live.get(nodeKey(node))?.ssh;
  }

  private async createSshServer(live: LiveNode, paths: NodePaths): Promise<NodeSshServer> {
    const { ref } = live;
    await createNodeFolders(paths);
    const server = new NodeSshServer({
      label: nodeKey(ref),
      hostKey: await this.hostKey(ref, paths),
      paths,
      nodeEnv: this.env(ref, paths),
      users: () => this.options.usersOf(ref),
      log: this.log,
    });
    live.ssh = server;
    return server;
  }

  private hostKey(node: NodeRef, paths: NodePaths): Promise<string> {
    const key = nodeKey(node);
    let pending = this.hostKeys.get(key);
    if (!pending) {
      pending = loadOrCreateHostKey(paths.hostKey);
      this.hostKeys.set(key, pending);
      pending.catch(() => this.hostKeys.delete(key));
    }
    return pending;
  }

  private assertRunning(): void {
    if (this.shutDown) throw new Error('The node runtime has been shut down');
  }
}
