/**
 * `npm run keys -- init|rotate|retire|show [merchant|member|gateway]`: the
 * signing keys in a key folder (default .unicard/keys, or UNICARD_KEYS_DIR).
 * init makes the three key files where missing; rotate adds a key that signs
 * from now on; retire, once tokens of the older
 * keys have expired (15 minutes for API clients, 30 for member sessions,
 * 1 for the gateway's assertion), drops them. Running processes pick the
 * file up by themselves; see docs/security.md.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../lib/project-root.js';
import { retireOldKeys, rotateKeyFile, type KeyFile } from '../lib/keys.js';
import { SIGNERS, ensureKeyFiles, keyFileOf, type Signer } from './processes.js';

const [command, ...named] = process.argv.slice(2);
const dir = process.env.UNICARD_KEYS_DIR ?? projectPath('.unicard', 'keys');
if (command === 'init') {
  await ensureKeyFiles(dir);
  console.log(`key files in ${dir}: ${SIGNERS.map((s) => `${s}.jwks.json`).join(', ')} (give each process only its own)`);
  process.exit(0);
}
const signers = (named.length > 0 ? named : SIGNERS) as readonly Signer[];
for (const signer of signers) {
  const file = keyFileOf(dir, signer);
  if (command === 'rotate') console.log(`${signer}: added key ${(await rotateKeyFile(file)).kid}, which signs from now on`);
  else if (command === 'retire') console.log(`${signer}: retired ${retireOldKeys(file).join(', ') || 'nothing'}`);
  else if (command === 'show')
    console.log(`${signer}: ${(JSON.parse(readFileSync(file, 'utf8')) as KeyFile).keys.map((k) => k.kid).join(', ')} (the last signs)`);
  else {
    console.error('usage: npm run keys -- init|rotate|retire|show [merchant|member|gateway]');
    process.exit(2);
  }
}
