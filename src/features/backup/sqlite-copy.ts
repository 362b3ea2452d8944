import SQLite from 'better-sqlite3';

/**
 * Copies a live SQLite database with SQLite's online backup API (https://www.sqlite.org/backup.html)
 * through a connection of its own, while the site may go on serving and writing: each step reads
 * under a shared lock, which in WAL mode never blocks a writer, and a write made by another
 * connection between steps makes SQLite start the copy again, so the result is always one
 * consistent state. Copying the file itself could catch a page half-written or miss the WAL.
 *
 * Steps of a twentieth of the database give progress; after a restart (someone wrote) the rest
 * goes in one step, so a busy site cannot keep the copy restarting for ever.
 */
export async function copySqlite(sourceFile: string, target: string, onProgress?: (bytes: number, total: number) => void): Promise<void> {
  const source = new SQLite(sourceFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    const pageSize = Number(source.pragma('page_size', { simple: true }));
    let lastRemaining = Number.POSITIVE_INFINITY;
    let restarted = false;
    await source.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        if (remainingPages > lastRemaining) restarted = true;
        lastRemaining = remainingPages;
        onProgress?.((totalPages - remainingPages) * pageSize, totalPages * pageSize);
        return restarted ? 0x7fffffff : Math.max(100, Math.ceil(totalPages / 20));
      },
    });
    const copy = new SQLite(target, { fileMustExist: true });
    try {
      const bytes = Number(copy.pragma('page_count', { simple: true })) * pageSize;
      onProgress?.(bytes, bytes);
      // The copy keeps the source's WAL mode in its header; leave it as one self-contained file.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
  } finally {
    source.close();
  }
}

/** SQLite's own check of a database file: 'ok', or the problems it found. */
export function integrityCheck(file: string): string {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}
