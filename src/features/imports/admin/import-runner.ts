/**
 * What the newsroom's import page needs from the import engine, as one narrow interface: the
 * page and its job know files, runs and progress; the engine (import.service.ts with the readers'
 * registry) knows formats and the database. The app builds the runner from the engine
 * (`engineImportRunner`); a test may pass another.
 */

export interface ImportRunInput {
  /** 'wordpress' | 'ghost' | 'ninjs'. */
  format: string;
  /** The uploaded file on disk. */
  file: string;
  /** Edition code; the default edition when empty. */
  edition: string;
  /** Source category/tag slug → our section slug. */
  sectionMap: Readonly<Record<string, string>>;
  dryRun: boolean;
  /** The old site's address (Ghost exports do not carry it). */
  siteUrl?: string | undefined;
}

export interface ImportRunProgress {
  bytesRead: number;
  bytesTotal: number;
  items: number;
}

/** The parts of the engine's report the page shows; the whole report is kept as JSON. */
export interface ImportRunReport {
  format: string;
  edition: string;
  dryRun: boolean;
  totals: Record<string, Record<string, number>>;
  items: { kind: string; key: string; title: string; outcome: string; reason?: string | undefined; warnings: string[]; url?: string | null | undefined }[];
  images: { stored: number; reused: number; failed: number; listed: string[] };
  oldAddresses: { from: string; to: string | null }[];
  fileError: string | null;
  ok: boolean;
}

export interface ImportRunner {
  /** Runs an import to its end; a file that cannot be read is in the report (`fileError`), options that are wrong throw an AppError. */
  run(input: ImportRunInput, onProgress: (progress: ImportRunProgress) => void): Promise<ImportRunReport>;
}

/** The formats the page offers, with what the file must look like. */
export const UPLOAD_FORMATS = [
  { name: 'wordpress', label: 'WordPress (WXR export, .xml)', title: 'WordPress export', expected: 'an XML file (.xml)', kind: 'xml' },
  { name: 'ghost', label: 'Ghost (JSON export, .json)', title: 'Ghost export', expected: 'a JSON file (.json)', kind: 'json' },
  { name: 'ninjs', label: 'ninjs (IPTC JSON, .json)', title: 'ninjs file', expected: 'a JSON file (.json)', kind: 'json' },
] as const;

export type UploadFormat = (typeof UPLOAD_FORMATS)[number]['name'];

export const isUploadFormat = (name: string): name is UploadFormat => UPLOAD_FORMATS.some((f) => f.name === name);

export const megabytes = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
