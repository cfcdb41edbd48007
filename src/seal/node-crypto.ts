/** The cryptography of item verification on Node: node:crypto for hashes and signatures, pkijs for tokens. */
import { createHash } from 'node:crypto';
import type * as Pki from 'pkijs';
import { sha256Hex } from './digests.js';
import { verifySignedData } from './signature.js';
import type { ItemCryptography } from './verify-item.js';

/** How many token answers one verifier keeps (the oldest go first). */
const ANSWERS_KEPT = 1000;

/**
 * `extra`: certificates shipped with what is verified (a package's TSA roots), as parsed certificates or PEM/DER
 * bytes. pkijs and the trusted roots are loaded only when a token is checked (parsing ~150 roots takes a while).
 */
export async function nodeItemCryptography(extra: (Pki.Certificate | Uint8Array)[] = []): Promise<ItemCryptography> {
  let trusted: Promise<Pki.Certificate[]> | null = null;
  const load = async () => {
    const [{ trustedTsaRoots }, { parseCertificates }] = await Promise.all([import('./timestamp/tsa-list.js'), import('./timestamp/parse.js')]);
    const parsed = await Promise.all(extra.map((c) => (c instanceof Uint8Array ? parseCertificates(c).catch(() => []) : [c])));
    return [...(await trustedTsaRoots()), ...parsed.flat()];
  };
  // A token over the same data checks the same way each time (the roots are fixed here, the date is the token's own):
  // the answer is kept, by the SHA-256 of both, for the next package or item that carries them.
  const answers = new Map<string, ReturnType<ItemCryptography['verifyToken']>>();
  return {
    sha256Hex: (b) => sha256Hex(b),
    sha256Text: (t) => createHash('sha256').update(t, 'utf8').digest('hex'),
    verifySignedData,
    verifyToken(token, data) {
      const key = `${sha256Hex(token)} ${sha256Hex(data)}`;
      let answer = answers.get(key);
      if (!answer) {
        answer = (async () => {
          trusted ??= load();
          const { verifyTimestamp } = await import('./timestamp/verify.js');
          const r = await verifyTimestamp({ token, data, certificates: await trusted });
          return { valid: r.valid, genTime: r.genTime, tsa: r.tsaCertificate, problems: r.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`) };
        })();
        answer.catch(() => answers.delete(key));
        if (answers.size >= ANSWERS_KEPT) answers.delete(answers.keys().next().value!);
        answers.set(key, answer);
      }
      return answer;
    },
  };}
