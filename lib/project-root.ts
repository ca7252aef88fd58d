/**
 * The project's folder, from TypeScript sources (lib/) and from the compiled
 * JavaScript (dist/lib/) alike: files the processes read at run time (the
 * schemas, the state folder) live there, not beside the compiled code.
 */
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const PROJECT_ROOT = basename(resolve(here, '..')) === 'dist' ? resolve(here, '../..') : resolve(here, '..');

export const projectPath = (...parts: string[]) => resolve(PROJECT_ROOT, ...parts);
