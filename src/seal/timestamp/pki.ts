/**
 * pkijs and asn1js, loaded on first use: a capture that asks no TSA, and every command that never reads a
 * timestamp, starts without them (the bundler would otherwise load them at start-up).
 */
import type * as Asn1 from 'asn1js';
import type * as Pki from 'pkijs';

let loaded: Promise<{ asn1js: typeof Asn1; pkijs: typeof Pki }> | undefined;

export function loadPki(): Promise<{ asn1js: typeof Asn1; pkijs: typeof Pki }> {
  loaded ??= Promise.all([import('asn1js'), import('pkijs')]).then(([asn1js, pkijs]) => ({ asn1js, pkijs }));
  return loaded;
}
