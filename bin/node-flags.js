// V8 flags for every Custos process: the server, the CLI (monitor workers, evaluate, simulate,
// backtests) and the benchmarks, which measure the processes as they run.
//
// The monitoring engine creates long-lived state for every new customer and key while most of
// what an event allocates dies at once. With V8's default young generation (semi-spaces of at
// most 16 MB on 64-bit), much of that short-lived garbage is still referenced when a scavenge
// runs, is copied, and is promoted with the state. Semi-spaces of up to 64 MB let it die young:
// measured on the engine benchmark, 1.35× more events per CPU second and a smaller old
// generation (docs/BENCHMARKS.md). The cost is at most three semi-spaces of memory (192 MB),
// reserved only as the heap grows into them.
export const NODE_FLAGS = ['--max-semi-space-size=64'];

// The arguments that run `script` through tsx's command line with NODE_FLAGS. The flags go
// after tsx's own path: tsx passes them on to the process that runs the script (flags before
// it would apply only to tsx's launcher).
export function tsxArgs(tsxCli, script, args) {
  return [tsxCli, ...NODE_FLAGS, script, ...args];
}
