export {
  buildPolTree,
  polTreeHeight,
  shufflePositions,
  type PolEntry,
  type PolTree,
} from './pol-build.js';
export { POL_PROOF_BYTES_MAX, POL_ROOTS_LIST_MAX } from './pol-limits.js';
export {
  POL_PROOF_FORMAT,
  verifyPolProof,
  type PolProof,
  type PolVerifyResult,
} from './pol-proof.js';
export {
  buildPlatformTrees,
  openPolTotal,
  proofForCustomer,
  readCustomerBalances,
  type PolOpening,
} from './pol-service.js';
export { listPolRoots, loadPolTree, type PolRootView } from './pol-store.js';
export { transparencyReport, type TransparencyReport } from './pol-transparency.js';
