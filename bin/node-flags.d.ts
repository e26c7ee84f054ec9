/** See node-flags.js. */
export declare const NODE_FLAGS: readonly string[];
/** See node-flags.js. */
export declare function tsxArgs(tsxCli: string, script: string, args: readonly string[]): string[];
