// Evidence files live outside the database, one folder per cycle and unit
// (<evidenceDir>/<year>/<unitCode>/<evidenceId>-<safe name>); the row keeps the path relative to
// evidenceDir, the SHA-256 and the detected type, so the file can be checked and moved with its folder.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** A file name safe on any file system: no separators, control or reserved characters; letters of any script stay. */
// Control characters (C0 and DEL) never belong in a file name.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

export function safeFileName(originalName: string): string {
  const base = originalName.normalize('NFC').split(/[\\/]/).pop() ?? '';
  let cleaned = base
    .replace(CONTROL_CHARACTERS, '_')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  cleaned = cleaned.replace(/^\.+/, '');
  if (!cleaned) cleaned = 'file';
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? cleaned.slice(dot) : '';
  const stem = dot > 0 ? cleaned.slice(0, dot) : cleaned;
  // Keep well under the usual 255-byte limit even for three-byte UTF-8 characters.
  return `${Array.from(stem).slice(0, 60).join('')}${extension.slice(0, 10)}`;
}

/** The display name kept in the row: the last path segment the browser sent, without control characters. */
export function displayName(originalName: string): string {
  const base = originalName.normalize('NFC').split(/[\\/]/).pop() ?? '';
  return Array.from(base.replace(CONTROL_CHARACTERS, '').trim()).slice(0, 200).join('') || 'file';
}

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export function relativeEvidencePath(
  cycleYear: number,
  unitFolder: string,
  evidenceId: string,
  originalName: string,
): string {
  return path.posix.join(String(cycleYear), unitFolder, `${evidenceId}-${safeFileName(originalName)}`);
}

/** Resolves a stored relative path under evidenceDir; a path that escapes the folder is refused. */
export function absoluteEvidencePath(evidenceDir: string, relativePath: string): string {
  const root = path.resolve(evidenceDir);
  const absolute = path.resolve(root, relativePath);
  if (!absolute.startsWith(root + path.sep))
    throw new Error(`evidence path ${relativePath} leaves the evidence folder`);
  return absolute;
}

/** Writes a new file; never overwrites (ids are fresh uuids, so an existing file means a bug). */
export async function writeEvidenceFile(
  evidenceDir: string,
  relativePath: string,
  bytes: Buffer,
): Promise<string> {
  const absolute = absoluteEvidencePath(evidenceDir, relativePath);
  await fs.mkdir(path.dirname(absolute), { recursive: true });
  await fs.writeFile(absolute, bytes, { flag: 'wx', mode: 0o640 });
  return absolute;
}
