export { precompress, precompressFolder } from './precompress.js';
