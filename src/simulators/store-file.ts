/**
 * `--state-file`: the simulators' stores persisted as one JSON file, so state survives a restart.
 * Each write goes to a temporary file in the same directory, then is renamed over the old one: a
 * reader (or a crash) never sees half a file. The file holds secret values in clear — it is a test
 * fixture — so it is created readable by its owner only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type VendorName = 'dx' | 'apinizer' | 'ox' | 'tines';

export const STATE_FILE_FORMAT = 'credform-simulators-state';

interface StateDocument {
  format: typeof STATE_FILE_FORMAT;
  version: 1;
  dx?: unknown;
  apinizer?: unknown;
  ox?: unknown;
  tines?: unknown;
}

const openFiles = new Map<string, StateFile>();
let tempCounter = 0;

export class StateFile {
  private document: StateDocument;
  private references = 0;

  private constructor(readonly filePath: string) {
    this.document = StateFile.load(filePath);
  }

  /**
   * The one instance for this path in this process (reference-counted), so simulators started
   * separately with the same file do not overwrite each other's part. Pair with `close()`.
   */
  static open(filePath: string): StateFile {
    const resolved = path.resolve(filePath);
    let file = openFiles.get(resolved);
    if (!file) {
      file = new StateFile(resolved);
      openFiles.set(resolved, file);
    }
    file.references += 1;
    return file;
  }

  /** Drops one reference; with none left, the next `open` reads the file again. */
  close(): void {
    this.references -= 1;
    if (this.references <= 0 && openFiles.get(this.filePath) === this) openFiles.delete(this.filePath);
  }

  /** The stored state of one vendor, or undefined when the file has none (a fresh file). */
  read(vendor: VendorName): unknown {
    return this.document[vendor];
  }

  write(vendor: VendorName, state: unknown): void {
    this.document[vendor] = state;
    const dir = path.dirname(this.filePath);
    fs.mkdirSync(dir, { recursive: true });
    tempCounter += 1;
    const temp = path.join(dir, `.${path.basename(this.filePath)}.${process.pid}.${tempCounter}.tmp`);
    fs.writeFileSync(temp, `${JSON.stringify(this.document, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(temp, this.filePath);
  }

  private static load(filePath: string): StateDocument {
    let source: string;
    try {
      source = fs.readFileSync(filePath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { format: STATE_FILE_FORMAT, version: 1 };
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch (err) {
      throw new Error(`state file ${filePath} is not valid JSON: ${(err as Error).message}`);
    }
    const doc = parsed as Partial<StateDocument> | null;
    if (!doc || typeof doc !== 'object' || doc.format !== STATE_FILE_FORMAT || doc.version !== 1) {
      throw new Error(`state file ${filePath} is not a credform simulators state file (format/version mismatch)`);
    }
    return doc as StateDocument;
  }
}
