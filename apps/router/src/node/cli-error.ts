/**
 * A mistake in how the router was started (a flag, a file, a variable): the CLI prints its
 * message on one line, without a stack trace, and exits non-zero.
 * @example throw new CliError("unknown option '--prot' (did you mean --port?)");
 */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
