/**
 * guzheng check [--sm3] [--json]: re-reads the whole vault — every stored file against its hash, every item's
 * manifest, signature, timestamps and custody chain, every case's chain. Exit 0 all good, 1 a problem was found.
 */
import { checkWholeVault } from '../actions/care.js';
import { parseCommandArgs, printChecks, withVault } from './output.js';

export const CHECK_HELP = `用法 / usage: guzheng check [--sm3] [--json]
  核对整个证据库：每个文件的哈希、签名、时间戳、保管记录 / check the whole vault: every file, signature, timestamp, custody chain
  --sm3   同时核对 SM3（较慢）/ also check SM3 (slower)`;

export async function runCheck(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' }, sm3: { type: 'boolean' } }, CHECK_HELP);
  return withVault(async (vault) => {
    const { checks } = await checkWholeVault(vault, { sm3: values.sm3 });
    return printChecks(checks, Boolean(values.json), { zh: '证据库核对', en: 'vault check' }) ? 0 : 1;
  });
}
