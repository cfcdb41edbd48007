/**
 * A case's facts: what the user stated (saved to the vault, custody-logged) and what assess and the documents read
 * (the stated facts merged with what the evidence shows). A facts file is read and checked here too.
 */
import { readFile } from 'node:fs/promises';
import { GuzhengError } from '../errors.js';
import { checkFacts, type CaseFacts } from '../assess/facts.js';
import { caseFactsFromVault } from '../assess/from-vault.js';
import type { Vault } from '../vault/vault.js';

/** Reads and checks a facts file: unreadable or invalid JSON is an error with the reason. */
export async function readFactsFile(path: string): Promise<CaseFacts> {
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new GuzhengError('E_NOT_FOUND', `无法读取事实文件 ${path}（${e.code ?? e.message}）`, `Cannot read the facts file ${path} (${e.code ?? e.message})`);
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new GuzhengError('E_FACTS', `事实文件不是有效的 JSON：${(e as Error).message}`, `The facts file is not valid JSON: ${(e as Error).message}`);
  }
  return checkFacts(raw);
}

export async function getCaseFacts(vault: Vault, caseRef: string): Promise<{ case: string; stated: Record<string, unknown> | null; effective: CaseFacts }> {
  const c = await vault.findCase(caseRef);
  return { case: c.id, stated: await vault.caseFacts(c.id), effective: await caseFactsFromVault(vault, c.id) };
}

/** Checks the facts (every problem reported at once) and saves them; nothing is saved when any is wrong. */
export async function setCaseFacts(vault: Vault, caseRef: string, raw: unknown): Promise<{ case: string; saved: true }> {
  const c = await vault.findCase(caseRef);
  const facts = checkFacts(raw);
  await vault.setCaseFacts(c.id, facts as unknown as Record<string, unknown>);
  return { case: c.id, saved: true };
}
