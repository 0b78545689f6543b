// The repository stands on its own (issue 15): a plain clone, with nothing beside it, holds the
// specification, the measures' text and the scoring example, and no tracked file reads outside the tree.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((file) => file !== '' && fs.existsSync(path.join(root, file)));

// Built from pieces so that this file does not match itself.
const outsideReferences = [
  ['..', 'shared'].join('/'),
  ['', 'work', 'shared'].join('/'),
  ['', 'work', 'main'].join('/'),
  ['KAOHE', 'EXAMPLES', 'DIR'].join('_'),
];
// Lock files and recorded workflow histories are generated; binary files cannot hold a path we wrote.
const scanned = tracked.filter(
  (file) =>
    !file.endsWith('package-lock.json') &&
    !file.endsWith('go.sum') &&
    !/\.(png|jpg|ico|docx|xlsx)$/.test(file),
);

describe('the repository is self-contained', () => {
  test('no tracked file refers to a folder outside the repository', () => {
    const offenders: string[] = [];
    for (const file of scanned) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const reference of outsideReferences)
        if (text.includes(reference)) offenders.push(`${file}: ${reference}`);
    }
    expect(offenders).toEqual([]);
  });

  test('the specification, the measures (Chinese) and the scoring example are in the tree and tracked', () => {
    for (const file of [
      'docs/SPEC.md',
      'docs/measures/dalian-union-assessment-measures-2018.txt',
      'examples/scoring-example.json',
      'examples/scoring-example.expected.json',
      'examples/federation.json',
    ])
      expect(tracked).toContain(file);
    const measures = fs.readFileSync(
      path.join(root, 'docs/measures/dalian-union-assessment-measures-2018.txt'),
      'utf8',
    );
    // The articles the code cites (Art. N = 第N条) are there in the original wording.
    expect(measures).toContain('第十八条');
    expect(measures).toContain('大工发');
  });

  test("README's links to files of the repository resolve", () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((match) => match[1])
      .filter((target) => !/^[a-z]+:/.test(target));
    expect(links).toEqual(
      expect.arrayContaining(['docs/SPEC.md', 'docs/measures/dalian-union-assessment-measures-2018.txt']),
    );
    for (const target of links) expect(fs.existsSync(path.join(root, target))).toBe(true);
  });

  test("the seed's federation is the customer's example file, unchanged", () => {
    const seed = fs.readFileSync(path.join(root, 'runtime/seed/federation.json'), 'utf8');
    const example = fs.readFileSync(path.join(root, 'examples/federation.json'), 'utf8');
    expect(JSON.parse(seed)).toEqual(JSON.parse(example));
  });
});
