import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** A Lua script the Redis stores run through EVALSHA (`StoreScript` is one). */
export interface LuaScript {
  /** Names the script in errors and logs. */
  readonly name: string;
  readonly lua: string;
}

// Keyed by the script object, so the cache never outlives the scripts it describes.
const shas = new WeakMap<LuaScript, string>();

/**
 * The SHA1 of the script's Lua, hex-encoded, as EVALSHA and SCRIPT LOAD name it; computed once
 * per script object.
 *
 * @example
 * scriptSha({ name: 'one', lua: 'return 1' }); // 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db'
 */
export function scriptSha(script: LuaScript): string {
  let sha = shas.get(script);
  if (sha === undefined) {
    sha = bytesToHex(sha1(utf8ToBytes(script.lua)));
    shas.set(script, sha);
  }
  return sha;
}
