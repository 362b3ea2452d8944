import type { ImportReader } from '../import-record.js';
import { openGhost } from './ghost/ghost-reader.js';
import { openNinjs } from './ninjs.js';
import { openWordPress } from './wordpress/index.js';

/**
 * The formats `dateline import <format> FILE` understands, each with the function that opens a
 * file (or folder) as a reader. `open` throws ImportFileError when the file is not of its format.
 */
export interface OpenOptions {
  siteUrl?: string | undefined;
}

export interface ImportFormat {
  name: string;
  /** For `--help`: what FILE is. */
  description: string;
  /** `siteUrl`: the old site's address, for formats whose files do not say it (Ghost 4+ writes `__GHOST_URL__`). */
  open(file: string, options?: OpenOptions): Promise<ImportReader>;
}

export const IMPORT_FORMATS: readonly ImportFormat[] = [
  { name: 'ghost', description: "Ghost's JSON export (Settings → Labs → Export), Ghost 0.x–5: posts in lexical, mobiledoc, HTML or markdown, tags, users", open: (file, options) => openGhost(file, { siteUrl: options?.siteUrl }) },
  { name: 'ninjs', description: 'IPTC ninjs 1.x–3.x: a JSON file (one item, an array, or "items") or a folder of them', open: openNinjs },
  { name: 'wordpress', description: 'a WordPress export (WXR 1.0–1.2, Tools → Export)', open: openWordPress },
];

export const importFormat = (name: string): ImportFormat | undefined => IMPORT_FORMATS.find((f) => f.name === name);
