export { exponentOf, groupDigits, minorToDecimal } from './format-amount.js';
export { formatDateTime } from './format-date-time.js';
export { compactId } from './compact-id.js';
