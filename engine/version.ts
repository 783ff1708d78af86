/**
 * The engine's version: the ccsim package version (package.json `version`), as a constant so
 * that code comparing versions — a `ccsim worker` refusing jobs made by another version, a
 * sweep's identity — reads no file. test/cluster/protocol.test.ts checks it against package.json.
 * @example ENGINE_VERSION // '0.4.1'
 */
export const ENGINE_VERSION = '0.4.1';
