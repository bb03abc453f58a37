// Where a command writes its lines and what environment it reads: the
// process's by default; tests pass their own (main(argv, io) hands it on).
export interface CommandIo {
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
  env?: Record<string, string | undefined>;
  /** Stops a command that runs until a signal (serve) as SIGINT does (for tests). */
  signal?: AbortSignal;
}
