/**
 * The seam between the emulator's REST layer (emulator/api, emulator/state) and the machinery that makes
 * nodes real (emulator/node-runtime): folders on disk, start tasks run without a shell, and one SSH server per node.
 * The REST layer owns all Batch state; the runtime owns processes and sockets and asks the REST layer for users.
 */

/** Identifies one compute node of one pool. */
export interface NodeRef {
  poolId: string;
  nodeId: string;
}

/** A node user as the REST layer stores it; the runtime authenticates SSH logins against it. */
export interface NodeUserRecord {
  name: string;
  isAdmin: boolean;
  /** Logins after this instant are refused. */
  expiryTime: Date;
  /** Plain password as the API received it (the emulator is local; docs/emulator.md says so). */
  password?: string;
  /** OpenSSH public key line, e.g. `ssh-ed25519 AAAA… comment`. */
  sshPublicKey?: string;
}

/** The start task fields the runtime needs (a subset of the Batch StartTask). */
export interface StartTaskSpec {
  commandLine: string;
  environmentSettings?: { name: string; value?: string }[];
  /** Max retries after a non-zero exit (Batch `maxTaskRetryCount`; -1 means unlimited, the runtime caps it). */
  maxTaskRetryCount?: number;
}

/** What one run of a start task produced. */
export interface StartTaskOutcome {
  exitCode: number;
  startTime: Date;
  endTime: Date;
  retryCount: number;
  /** Set when the process could not be started or was killed (failureInfo in Batch terms). */
  failure?: { category: 'usererror' | 'servererror'; code: string; message: string };
}

/** One attempt of a job's task (or its preparation/release task) on a node. */
export interface TaskRunSpec {
  jobId: string;
  /** The task's folder name under `workitems/<jobId>/job-1/` (the task id, `jobpreparation` or `jobrelease`). */
  taskFolder: string;
  commandLine: string;
  environmentSettings?: { name: string; value?: string }[];
  /** The task's own Batch variables (AZ_BATCH_TASK_ID, AZ_BATCH_JOB_ID, …); the folders are added by the runtime. */
  variables: Record<string, string>;
}

/** A task attempt in progress. */
export interface TaskRunHandle {
  /** The exit code, or the failure when it could not start or was killed. */
  outcome: Promise<{ exitCode: number; failure?: StartTaskOutcome['failure'] }>;
  /** Kills the attempt's whole process group; resolves once it has ended (bounded wait). */
  kill(): Promise<void>;
}

/** Dependencies the REST layer hands to the runtime. */
export interface NodeRuntimeOptions {
  /** Folder under which every node gets `<rootDir>/<poolId>/<nodeId>/` and its persistent host key. */
  rootDir: string;
  /** Current users of a node, read at every login attempt so updates and deletes take effect at once. */
  usersOf(node: NodeRef): NodeUserRecord[];
  /** Extra `AZ_BATCH_*`/other variables for shells and start tasks (e.g. AZ_BATCH_ACCOUNT_URL). */
  baseEnv?: Record<string, string>;
  /** Where diagnostics go; never passwords or keys. */
  log?: (message: string) => void;
}

/** The runtime API the REST layer calls. Implemented by `NodeRuntime` in emulator/node-runtime/runtime.ts. */
export interface NodeRuntimeApi {
  /** Absolute path of the node's root folder (AZ_BATCH_NODE_ROOT_DIR); files API paths are relative to it. */
  nodeDir(node: NodeRef): string;
  /** Creates the node's folders (startup/, shared/, workitems/, …) and its host key if missing. Idempotent. */
  prepareNode(node: NodeRef): Promise<void>;
  /** Runs the start task without a shell (argv split as Batch does) in `startup/wd`, output to startup/stdout.txt and stderr.txt. */
  runStartTask(node: NodeRef, task: StartTaskSpec): Promise<StartTaskOutcome>;
  /** Absolute path of a task's folder on the node (`<root>/workitems/<job>/job-1/<task>`), created or not. */
  taskDir(node: NodeRef, jobId: string, taskFolder: string): string;
  /** Runs one attempt of a task without a shell in its folder's `wd`; stopping or removing the node kills it. */
  runTask(node: NodeRef, task: TaskRunSpec): TaskRunHandle;
  /** Starts (or keeps) the node's SSH server on 127.0.0.1; returns the port it really listens on. */
  openSsh(node: NodeRef, preferredPort: number): Promise<number>;
  /** The port the node's SSH server listens on now, if any. */
  sshPort(node: NodeRef): number | undefined;
  /** Ends every session of one user on the node (after delete, or a password/key change). */
  endUserSessions(node: NodeRef, userName: string): void;
  /** Stops the node's SSH server and ends its shells, running start task and running tasks. */
  stopNode(node: NodeRef): Promise<void>;
  /** Deletes the node's folders except the host key (reimage), after stopping it. */
  wipeNode(node: NodeRef): Promise<void>;
  /** Stops the node and deletes everything of it, host key included (node removed from pool / pool deleted). */
  removeNode(node: NodeRef): Promise<void>;
  /** Stops every node: servers closed, shells and start tasks ended. */
  shutdown(): Promise<void>;
}
