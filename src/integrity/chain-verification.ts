/**
 * Recomputing a record's hash chain (Verify, `npm run verify-chains`): every
 * hashed version must hash to its stored hash, link to its predecessor's
 * hash, and the last one must be the record's head. Versions saved before the
 * chain existed carry no hash; they may only precede the hashed ones.
 */
import type { SignatureKey, SignatureVersion } from "../store/signature-store.js";
import { genesisHash, versionHash } from "./version-hash.js";

export interface ChainReport {
  readonly intact: boolean;
  readonly versionsChecked: number;
  /** The first version whose link is broken. */
  readonly firstBrokenVersion: number | undefined;
  readonly reason: string | undefined;
  readonly unhashedVersions: number;
}

/** Checks `versions` (the whole history, oldest first) against the record's stored head hash. */
export function verifyChain(key: SignatureKey, versions: readonly SignatureVersion[], headHash: string | undefined): ChainReport {
  let previous: string | undefined;
  let checked = 0;
  let unhashed = 0;
  const broken = (version: number, reason: string): ChainReport => ({
    intact: false,
    versionsChecked: checked,
    firstBrokenVersion: version,
    reason,
    unhashedVersions: unhashed,
  });
  for (const [index, version] of versions.entries()) {
    if (version.version !== index + 1) return broken(index + 1, `version ${index + 1} is missing from the history`);
    if (version.hash === undefined) {
      if (previous !== undefined) return broken(version.version, `version ${version.version} has no hash, but an earlier version has one`);
      unhashed++;
      continue;
    }
    checked++;
    const expectedPrevious = previous ?? genesisHash;
    if (version.prevHash !== expectedPrevious) {
      return broken(version.version, `version ${version.version} does not link to the hash of version ${version.version - 1}`);
    }
    if (versionHash({ ...key, ...version }, expectedPrevious) !== version.hash) {
      return broken(version.version, `version ${version.version}'s content does not match its hash`);
    }
    previous = version.hash;
  }
  if (previous !== headHash) {
    return broken(versions.length, `the record's head hash is not the hash of version ${versions.length}`);
  }
  return { intact: true, versionsChecked: checked, firstBrokenVersion: undefined, reason: undefined, unhashedVersions: unhashed };
}

/** Whether one version read on its own still hashes to its stored hash (and, when current, is the record's head). */
export function versionIntact(key: SignatureKey, version: SignatureVersion, headHash: string | undefined, isCurrent: boolean): boolean {
  if (version.hash === undefined) return !isCurrent || headHash === undefined;
  if (isCurrent && version.hash !== headHash) return false;
  return versionHash({ ...key, ...version }, version.prevHash ?? genesisHash) === version.hash;
}
