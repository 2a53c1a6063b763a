export { precompress, precompressFolder, PRECOMPRESSED_ENCODINGS } from './precompress.js';
