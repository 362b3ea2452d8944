export { openWordPress } from './wordpress-reader.js';
