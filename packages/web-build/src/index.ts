export { precompress, precompressFolder } from './precompress.js';
export { precompiledMessages } from './precompiled-messages.js';
export { scriptBudget } from './script-budget.js';
