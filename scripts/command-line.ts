/**
 * A script's options, parsed by node:util's parseArgs in strict mode: an option the script does not know, or one
 * missing its value, ends the script with what was wrong and its usage, instead of being ignored.
 */
import { parseArgs } from 'node:util';

type Options = Record<string, { type: 'string' | 'boolean' }>;

export function commandLine<O extends Options>(options: O, usage: string) {
  try {
    return parseArgs({ options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: ${usage}\n`);
    process.exit(2);
  }
}
