// The one boundary between Wharf and a container engine. Neutral terms only:
// a podman backend implements it today; rootless Docker or Kubernetes pods could
// tomorrow without the rest of the server changing.

export interface SandboxSpec {
  image: string;
  /** Labels the provider stores with the sandbox and can list by. */
  labels: Record<string, string>;
  /** Most processes one host uid of the sandbox may run (a fork bomb stops there); unlimited when absent. */
  maxProcesses?: number;
}

export interface SandboxInfo {
  id: string;
  labels: Record<string, string>;
  running: boolean;
  createdAt: Date;
}

export interface ExecOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** A live interactive process (a shell) with a terminal inside a sandbox. */
export interface ExecSession {
  write(data: Uint8Array | string): void;
  resize(cols: number, rows: number): Promise<void>;
  onOutput(listener: (chunk: Buffer) => void): void;
  /** Stops delivering output (the process blocks once its pipes fill) until resume(): backpressure for a slow reader. */
  pause(): void;
  resume(): void;
  /** Called once when the process ends or the stream breaks. */
  onExit(listener: () => void): void;
  close(): void;
}

export interface SandboxProvider {
  create(spec: SandboxSpec): Promise<SandboxInfo>;
  /** Undefined when the sandbox no longer exists. */
  status(id: string): Promise<SandboxInfo | undefined>;
  listByLabel(key: string, value: string): Promise<SandboxInfo[]>;
  remove(id: string): Promise<void>;
  /** Runs a program to completion without a terminal; killed after timeoutMs. */
  run(id: string, argv: string[], options: { timeoutMs: number; stdin?: string; workdir?: string }): Promise<ExecOutput>;
  openShell(id: string, argv: string[], size: { cols: number; rows: number }, env?: string[]): Promise<ExecSession>;
}
