// Builds one slice of a proof-of-liabilities tree off the main thread. In: { seed, start, packed
// ({ bytes, offsets }), balances (BigUint64Array), levels }; out: { hashes, sums } of the slice's nodes
// `levels` above its leaves. Plain JavaScript so it runs without a TypeScript loader.
import { parentPort } from 'node:worker_threads';
import { sliceNodes } from './pol-kernel.mjs';

parentPort.on('message', ({ seed, start, packed, balances, levels }) => {
  try {
    const nodes = sliceNodes(Buffer.from(seed), start, packed, balances, levels);
    parentPort.postMessage({ ok: true, ...nodes });
  } catch (error) {
    parentPort.postMessage({
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    });
  }
});
