import { readFileSync } from 'node:fs';
import { CliError } from './cli-error.ts';

/**
 * A file's text, or a one-line {@link CliError} that says why it could not be read.
 * @example readText('switchyard.json', 'the config file'); // throws: the config file switchyard.json does not exist
 */
export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'is not readable (permission denied)'
            : `cannot be read (${code ?? String(error)})`;
    throw new CliError(`${what} ${path} ${reason}`);
  }
}
